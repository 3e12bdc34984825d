package dev.tiering.store;

import dev.tiering.config.ServiceConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.db.Store;
import org.jboss.logging.Logger;

/**
 * Keeps the embedded database's file near the size of its data. H2 writes every commit as a new
 * chunk at the end of the file ({@code WRITE_DELAY=0}: an acknowledged write is on disk) and frees
 * old chunks only when no row in them is current, so a file that takes writes grows far past its
 * data: 20,000 single-row commits left a 460 MB file around 23 MB of rows, and storing 100,000
 * operators then reloading them took it past 13 GB. Every {@code tiering.data.compact-check}, and
 * right after a pass over the store, this looks at how much of the file's chunks is current data,
 * and where it is less than 40 % compacts the file online (H2 moves the current pages together and
 * cuts the file): writers wait meanwhile, a second or a few at 100,000 operators, which is why it
 * runs only once the file is 2.5 times its data. {@code SHUTDOWN COMPACT} at a normal stop does the
 * rest. Nothing to do on PostgreSQL, which vacuums by itself.
 */
@ApplicationScoped
public class FileCompaction {
    private static final Logger LOG = Logger.getLogger(FileCompaction.class);

    /**
     * Compact when current data fills less than this share of the file (percent): the share of the
     * file that chunks take, times the share of the chunks that is current.
     */
    static final int FILL_BELOW = 40;

    /** A file smaller than this is left as it is. */
    static final long AT_LEAST_BYTES = 32L << 20;

    /**
     * Longest one compaction may move chunks. Writers wait behind it, and so does an activation's
     * pass: with a minute here, a reload of 5,000 operators once waited 55 s for the compaction
     * that the pass before it had asked for. What one run leaves, the next check carries on.
     */
    static final int MAX_MILLIS = 3_000;

    private final Database db;
    private final ServiceConfig config;
    private final AtomicBoolean queued = new AtomicBoolean();
    private ScheduledExecutorService timer;

    public FileCompaction(Database db, ServiceConfig config) {
        this.db = db;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        if (db.postgres()) {
            return;
        }
        synchronized (this) {
            timer =
                    Executors.newSingleThreadScheduledExecutor(
                            r -> {
                                Thread t = new Thread(r, "h2-compaction");
                                t.setDaemon(true);
                                return t;
                            });
            long every = Math.max(1000, config.compactCheck().toMillis());
            timer.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Looks at the file soon, on the compaction's own thread (a pass over the store just ended).
     */
    public void soon() {
        ScheduledExecutorService t;
        synchronized (this) {
            t = timer;
        }
        if (t != null && queued.compareAndSet(false, true)) {
            t.execute(
                    () -> {
                        queued.set(false);
                        check();
                    });
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    /** The H2 store behind a connection to the embedded database. */
    static Store store(Connection c) throws SQLException {
        return ((SessionLocal) c.unwrap(JdbcConnection.class).getSession())
                .getDatabase()
                .getStore();
    }

    private void check() {
        try (Connection c = db.connection()) {
            compactIfSparse(c, MAX_MILLIS, AT_LEAST_BYTES)
                    .ifPresent(
                            r ->
                                    LOG.infof(
                                            "Compacted the database file from %,d to %,d KB (%d %%"
                                                    + " of it was current data) in %d ms",
                                            r.beforeBytes() / 1024,
                                            r.afterBytes() / 1024,
                                            r.fillPercent(),
                                            r.millis()));
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Compacting the database file failed: %s", e.getMessage());
        }
    }

    /** What one compaction did. */
    record Compacted(long beforeBytes, long afterBytes, int fillPercent, long millis) {}

    /**
     * Compacts the file of the H2 database behind {@code c} online, if it is at least {@code
     * atLeastBytes} and less than {@link #FILL_BELOW} % of it is current data.
     */
    static Optional<Compacted> compactIfSparse(Connection c, int maxMillis, long atLeastBytes)
            throws SQLException {
        Store store = store(c);
        FileStore<?> file = store.getMvStore().getFileStore();
        long size = file.size();
        int fill = file.getFillRate() * file.getChunksFillRate() / 100;
        if (size < atLeastBytes || fill >= FILL_BELOW) {
            return Optional.empty();
        }
        long started = System.nanoTime();
        store.compactFile(maxMillis);
        return Optional.of(
                new Compacted(
                        size,
                        file.size(),
                        fill,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
    }
}
