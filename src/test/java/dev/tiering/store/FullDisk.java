package dev.tiering.store;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.logging.Logger;
import org.h2.store.fs.FileBaseDefault;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * A disk that a test fills and empties: H2's file system is pluggable, and the files under {@code
 * fulldisk:} are the real ones, except that while the disk is {@link #fill() full} every write
 * fails as a full disk's does ({@code No space left on device}). The service under {@link Profile}
 * keeps its embedded database there, through {@link Driver} (H2's own, which registers the file
 * system as the pool loads it, before the database first opens).
 */
public final class FullDisk {
    private static volatile boolean full;

    private FullDisk() {}

    /** From now on every write to the database's files fails. */
    public static void fill() {
        full = true;
    }

    /** Room again. */
    public static void empty() {
        full = false;
    }

    /**
     * The service on an embedded database of its own, whose disk a test fills ({@link
     * FullDiskTest}), opened from a data folder the first release wrote ({@link
     * MigrationFromV1Test}): both need a store nobody else shares, so they share one start of the
     * service. Each test keeps to its own operators.
     */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Quarkus may ask more than once; a system property outlives its class loaders.
            String dir = System.getProperty("fulldisk.h2-dir");
            if (dir == null) {
                dir =
                        Path.of("target", "test-data", "own-folder-" + UUID.randomUUID())
                                .toAbsolutePath()
                                .toString();
                V1Store.build(
                        "jdbc:h2:file:" + dir + "/tiering;WRITE_DELAY=0",
                        "tiering",
                        "tiering",
                        "h2");
                System.setProperty("fulldisk.h2-dir", dir);
            }
            return Map.of(
                    "tiering.data.dir",
                    dir,
                    "quarkus.datasource.jdbc.driver",
                    Driver.class.getName(),
                    "quarkus.datasource.jdbc.url",
                    "jdbc:h2:fulldisk:"
                            + dir
                            + "/tiering;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;LOCK_TIMEOUT=20000");
        }
    }

    /** H2's driver, with the {@code fulldisk:} file system registered first. */
    public static class Driver implements java.sql.Driver {
        static {
            FilePath.register(new Files());
        }

        private final org.h2.Driver h2 = new org.h2.Driver();

        @Override
        public Connection connect(String url, Properties info) throws SQLException {
            return acceptsURL(url) ? h2.connect(url, info) : null;
        }

        @Override
        public boolean acceptsURL(String url) {
            return url != null && url.startsWith("jdbc:h2:fulldisk:");
        }

        @Override
        public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
            return h2.getPropertyInfo(url, info);
        }

        @Override
        public int getMajorVersion() {
            return h2.getMajorVersion();
        }

        @Override
        public int getMinorVersion() {
            return h2.getMinorVersion();
        }

        @Override
        public boolean jdbcCompliant() {
            return false;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }
    }

    /** The real files, whose writes fail while the disk is full. */
    public static class Files extends FilePathWrapper {
        @Override
        public String getScheme() {
            return "fulldisk";
        }

        @Override
        public FileChannel open(String mode) throws IOException {
            return new Channel(getBase().open(mode));
        }
    }

    private static final class Channel extends FileBaseDefault {
        private final FileChannel base;

        Channel(FileChannel base) {
            this.base = base;
        }

        private static void room() throws IOException {
            if (full) {
                throw new IOException("No space left on device");
            }
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            room();
            return base.write(src, position);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return base.read(dst, position);
        }

        @Override
        public long size() throws IOException {
            return base.size();
        }

        @Override
        public void force(boolean metaData) throws IOException {
            room();
            base.force(metaData);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return base.tryLock(position, size, shared);
        }

        @Override
        protected void implTruncate(long size) throws IOException {
            base.truncate(size);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            base.close();
        }
    }
}
