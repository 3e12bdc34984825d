package dev.tiering.engine.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The attack files of {@code src/test/resources/attacks}: rule files that try to reach outside the
 * rules, each with what its refusal must name and where ({@code // refused:}, {@code // line:}),
 * and those of {@code attacks/runtime} that must be stopped while they run ({@code // stopped:}).
 */
public final class Attacks {
    public static final Path DIR = Path.of("src/test/resources/attacks");
    public static final Path RUNTIME = DIR.resolve("runtime");

    /** The routes out that the service's own users found, each tried in every layer. */
    public static final List<String> ROUTES =
            List.of(
                    "beans-expression-runtime-exec.drl",
                    "formatter-writes-a-file.drl",
                    "logging-file-handler.drl",
                    "unicode-quote-desync-then-filewriter.drl",
                    "function-file-writer.drl",
                    "management-factory.drl",
                    "process-handle.drl",
                    "prefs.drl",
                    "jar-file.drl",
                    "parallel-stream-starts-threads.drl",
                    "import-function-beans-instantiate.drl",
                    "unicode-quote-hides-system-exit.drl",
                    "unicode-escaped-names.drl",
                    "metadata-expression.drl",
                    "exit-in-a-condition.drl",
                    "environment.drl",
                    "socket.drl",
                    "thread-start.drl",
                    "class-for-name-spelt-apart.drl",
                    "timer-attribute.drl");

    /** A rule file that must be refused, with its canary pointed at {@code canary}. */
    public record Attack(String file, String text, String refused, int line) {
        public static Attack read(String file, Path canary) {
            try {
                String text = Files.readString(DIR.resolve(file), StandardCharsets.UTF_8);
                List<String> lines = text.lines().toList();
                return new Attack(
                        file,
                        text.replace("${canary}", canary.toString()),
                        lines.get(0).substring("// refused: ".length()).strip(),
                        Integer.parseInt(lines.get(1).substring("// line: ".length()).strip()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A rule file that compiles but must be stopped while it runs. */
    public record Runaway(String file, String text, String stopped, String rule) {
        public static Runaway read(String file) {
            try {
                String text = Files.readString(RUNTIME.resolve(file), StandardCharsets.UTF_8);
                return new Runaway(
                        file,
                        text,
                        text.lines().findFirst().orElseThrow().substring("// stopped: ".length()),
                        text.lines()
                                .filter(l -> l.startsWith("rule \""))
                                .findFirst()
                                .orElseThrow()
                                .replaceAll("rule \"(.*)\"", "$1"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private Attacks() {}

    /** Every attack file's name. */
    public static Stream<String> all() {
        return names(DIR);
    }

    /** Every runtime attack file's name. */
    public static Stream<String> runaways() {
        return names(RUNTIME);
    }

    private static Stream<String> names(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".drl"))
                    .sorted()
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
