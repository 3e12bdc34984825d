package dev.tiering.engine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tiering.engine.RuleCompilationException;
import dev.tiering.engine.RuleCompiler;
import dev.tiering.engine.RuleError;
import dev.tiering.engine.RuleSources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule file of {@code src/test/resources/attacks} tries one way out of the rules: a process,
 * a file, a socket, the environment, a thread, a class loaded by name, reflection, the end of the
 * process, however it is spelt. Each is refused when compiled, with its file, the line where the
 * refused name is written and the name itself, and none of its code has run: the canary file it
 * would write does not exist.
 */
@Execution(ExecutionMode.CONCURRENT)
class RuleSandboxAttackTest {
    @TempDir Path dir;

    static Stream<String> attacks() {
        return Attacks.all();
    }

    @Test
    void the_routes_users_found_are_all_in_the_corpus() {
        assertThat(Attacks.all().toList()).containsAll(Attacks.ROUTES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void is_refused_with_its_file_line_and_member_and_never_runs(String file) {
        Path canary = dir.resolve("canary");
        Attacks.Attack attack = Attacks.Attack.read(file, canary);

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
