package dev.tiering.engine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tiering.engine.RuleCompilationException;
import dev.tiering.engine.RuleCompiler;
import dev.tiering.engine.RuleError;
import dev.tiering.engine.RuleSources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule file of {@code src/test/resources/attacks} tries one way out of the rules: a process,
 * a file, a socket, the environment, a thread, a class loaded by name, reflection, the end of the
 * process, however it is spelt. Each is refused when compiled, with its file, the line where the
 * refused name is written and the name itself, and none of its code has run: the canary file it
 * would write does not exist.
 */
class RuleSandboxAttackTest {
    static final Path ATTACKS = Path.of("src/test/resources/attacks");

    @TempDir Path dir;

    static Stream<String> attacks() throws IOException {
        try (Stream<Path> files = Files.list(ATTACKS)) {
            return files
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".drl"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    /** An attack file, with its canary pointed into {@code dir}. */
    record Attack(String file, String text, String refused, int line) {
        static Attack read(String file, Path canary) throws IOException {
            String text = Files.readString(ATTACKS.resolve(file), StandardCharsets.UTF_8);
            List<String> lines = text.lines().toList();
            String refused = lines.get(0).substring("// refused: ".length()).strip();
            int line = Integer.parseInt(lines.get(1).substring("// line: ".length()).strip());
            return new Attack(file, text.replace("${canary}", canary.toString()), refused, line);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void is_refused_with_its_file_line_and_member_and_never_runs(String file) throws IOException {
        Path canary = dir.resolve("canary");
        Attack attack = Attack.read(file, canary);

        RuleCompilationException refused =
                catchThrowableOfType(
                        RuleCompilationException.class,
                        () ->
                                new RuleCompiler()
                                        .compile(
                                                RuleSources.ofRules(
                                                        Map.of(
                                                                file,
                                                                attack.text()
                                                                        .getBytes(
                                                                                StandardCharsets
                                                                                        .UTF_8)))));

        assertThat(refused).as(file + " compiled").isNotNull();
        assertThat(refused.errors())
                .as(file)
                .anySatisfy(
                        e -> {
                            assertThat(e.file()).isEqualTo(file);
                            assertThat(e.message()).contains(attack.refused());
                            assertThat(e.line()).isEqualTo(attack.line());
                        });
        assertThat(refused.errors())
                .extracting(RuleError::message)
                .allSatisfy(m -> assertThat(m).doesNotContain("Exception:"));
        assertThat(canary).as("what " + file + " would have written").doesNotExist();
    }
}
