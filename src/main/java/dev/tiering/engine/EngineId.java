package dev.tiering.engine;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;
import org.drools.base.util.Drools;

/**
 * What a rule set's class files depend on besides its rules: the Drools version that generated
 * them, and this build of the service, whose facts they call. Class files kept under another engine
 * id are compiled again. The build is known by the jar (or class folder) the engine was loaded
 * from: its size and time, or those of every class in a folder; where that cannot be read, an id of
 * this run alone.
 */
public final class EngineId {
    private static final String ID = compute();

    private EngineId() {}

    public static String get() {
        return ID;
    }

    private static String compute() {
        StringBuilder what = new StringBuilder(Drools.getFullVersion()).append('\n');
        try {
            CodeSource source = EngineId.class.getProtectionDomain().getCodeSource();
            Path where = source == null ? null : Path.of(source.getLocation().toURI());
            if (where != null && Files.isRegularFile(where)) {
                stamp(what, where, where);
            } else if (where != null && Files.isDirectory(where)) {
                try (Stream<Path> files = Files.walk(where.resolve("dev/tiering"))) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        stamp(what, where, f);
                    }
                }
            } else {
                what.append(UUID.randomUUID());
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            what.append(UUID.randomUUID());
        }
        return hash(what.toString());
    }

    private static void stamp(StringBuilder what, Path base, Path f) throws IOException {
        what.append(base.relativize(f))
                .append(' ')
                .append(hash(Files.readAllBytes(f)))
                .append('\n');
    }

    private static String hash(String text) {
        return hash(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
                    .substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
