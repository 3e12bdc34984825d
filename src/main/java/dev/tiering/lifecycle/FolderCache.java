package dev.tiering.lifecycle;

import dev.tiering.engine.CompiledRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * A {@link CompiledCache} in a folder: one zip of class files per version, named by the version and
 * by the build that compiled it ({@code engine}: a new release compiles again), the newest few
 * kept.
 */
public final class FolderCache implements CompiledCache {
    private static final Logger LOG = Logger.getLogger(FolderCache.class);
    private static final int KEEP = 4;

    private final Path dir;
    private final String engine;

    /**
     * @param engine what the class files depend on besides the rules (the Drools version, the build
     *     of the facts they call): part of every entry's name
     */
    public FolderCache(Path dir, String engine) {
        this.dir = dir;
        this.engine = engine;
    }

    @Override
    public CompiledRules get(String version) {
        Path file = file(version);
        try {
            return Files.isRegularFile(file)
                    ? CompiledRules.fromZip(version, Files.readAllBytes(file))
                    : null;
        } catch (IOException | RuntimeException e) {
            LOG.debugf("Compiled rules %s unreadable (%s); compiling", version, e.getMessage());
            return null;
        }
    }

    @Override
    public void put(CompiledRules compiled) {
        if (compiled == null) {
            return;
        }
        Path file = file(compiled.version());
        if (Files.isRegularFile(file)) {
            touch(file);
            return;
        }
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".rules-", ".tmp");
            Files.write(tmp, compiled.toZip());
            Files.move(
                    tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            prune();
        } catch (IOException | RuntimeException e) {
            LOG.debugf("Compiled rules %s not kept: %s", compiled.version(), e.getMessage());
        }
    }

    private Path file(String version) {
        return dir.resolve(version + "-" + engine + ".zip");
    }

    private static void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            LOG.debugf("%s: %s", file, e.getMessage());
        }
    }

    private void prune() throws IOException {
        List<Path> all;
        try (Stream<Path> files = Files.list(dir)) {
            all =
                    files.filter(p -> p.getFileName().toString().endsWith(".zip"))
                            .sorted(Comparator.comparing(FolderCache::modified).reversed())
                            .toList();
        }
        for (Path old : all.subList(Math.min(KEEP, all.size()), all.size())) {
            Files.deleteIfExists(old);
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
