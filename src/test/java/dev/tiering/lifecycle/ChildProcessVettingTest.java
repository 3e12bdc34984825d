package dev.tiering.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tiering.codec.Json;
import dev.tiering.engine.RuleCompilationException;
import dev.tiering.engine.RuleError;
import dev.tiering.engine.RuleSources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The child JVM that looks at a candidate before the service runs it: what a rule does to a process
 * (never ends, fills the heap, ends the program) happens to the child, and comes back as a refusal
 * naming the changed files.
 */
class ChildProcessVettingTest {
    private static final Duration BUDGET = Duration.ofSeconds(20);
    private static final RuleSources SHIPPED = RuleSources.read(Path.of("rules"));

    private final ChildProcessVetting vetting =
            new ChildProcessVetting("128m", BUDGET, Json.mapper());

    @Test
    void theShippedRulesPass() {
        assertThatCode(() -> vetting.vet(SHIPPED, null)).doesNotThrowAnyException();
    }

    @Test
    void rulesThatDoNotHoldPassToTheGateHereWhichSaysWhere() {
        // A syntax error ends the child normally, with its report: the in-process compile names
        // file and line
        RuleSources broken = with("broken.drl", "package rules;\nrule \"half\" when then\n");
        assertThatCode(() -> vetting.vet(broken, SHIPPED)).doesNotThrowAnyException();
    }

    @Test
    void aFunctionThatNeverEndsIsStoppedAtTheBudgetAndNamed() {
        RuleSources spinning =
                with(
                        "spin.drl",
                        """
                        package rules;
                        import dev.tiering.engine.facts.OperatorFact;
                        function int spin(int n) { int i = 0; while (n > 0) { i = i + 1; } return i; }
                        rule "Spin for ever"
                        when
                            OperatorFact()
                        then
                            spin(1);
                        end
                        """);
        ChildProcessVetting quick =
                new ChildProcessVetting("128m", Duration.ofSeconds(8), Json.mapper());
        long started = System.nanoTime();
        RuleCompilationException e =
                catchThrowableOfType(
                        () -> quick.vet(spinning, SHIPPED), RuleCompilationException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isLessThan(Duration.ofSeconds(30));
        assertThat(e).isNotNull();
        assertThat(e.errors()).extracting(RuleError::file).containsExactly("spin.drl");
        assertThat(e.errors().get(0).message()).contains("took longer than 8 s", "never end");
    }

    @Test
    void aRuleThatFillsTheHeapEndsTheChildNotThisProcess() {
        RuleSources hungry =
                with(
                        "hungry.drl",
                        """
                        package rules;
                        import dev.tiering.engine.facts.OperatorFact;
                        import java.util.ArrayList;
                        import java.util.List;
                        function int hoard() { List all = new ArrayList(); while (true) { all.add(new long[1 << 20]); } }
                        rule "Hoard"
                        when
                            OperatorFact()
                        then
                            hoard();
                        end
                        """);
        RuleCompilationException e =
                catchThrowableOfType(
                        () -> vetting.vet(hungry, SHIPPED), RuleCompilationException.class);
        assertThat(e).isNotNull();
        assertThat(e.errors()).extracting(RuleError::file).containsExactly("hungry.drl");
        assertThat(e.errors().get(0).message()).contains("stopped the process", "memory");
    }

    @Test
    void aProcessThatEndsWithoutItsReportIsARefusal() {
        // What a consequence calling System.exit(0) would do, had it got past the rule vetter:
        // status 0, no report
        ChildProcessVetting exits =
                new ChildProcessVetting(
                        ChildProcessVetting.command("64m", ExitsAtOnce.class.getName()),
                        BUDGET,
                        Json.mapper());
        RuleSources changed = with("extra.drl", "package rules;\n");
        RuleCompilationException e =
                catchThrowableOfType(
                        () -> exits.vet(changed, SHIPPED), RuleCompilationException.class);
        assertThat(e).isNotNull();
        assertThat(e.errors()).extracting(RuleError::file).containsExactly("extra.drl");
        assertThat(e.errors().get(0).message()).contains("status 0, no report", "end the program");
    }

    @Test
    void withNothingToCompareWithEveryFileIsListed() {
        ChildProcessVetting exits =
                new ChildProcessVetting(
                        ChildProcessVetting.command("64m", ExitsAtOnce.class.getName()),
                        BUDGET,
                        Json.mapper());
        RuleCompilationException e =
                catchThrowableOfType(
                        () -> exits.vet(SHIPPED, null), RuleCompilationException.class);
        assertThat(e.errors()).hasSize(1);
        assertThat(e.errors().get(0).file()).isEqualTo(".");
        assertThat(e.errors().get(0).message())
                .contains(SHIPPED.rules().keySet())
                .contains(SHIPPED.scenarios().keySet());
    }

    @Test
    void aChildThatCannotStartLeavesTheGateHereAlone() {
        ChildProcessVetting missing =
                new ChildProcessVetting(
                        java.util.List.of("/nonexistent/bin/java"), BUDGET, Json.mapper());
        assertThatCode(() -> missing.vet(SHIPPED, null)).doesNotThrowAnyException();
    }

    private static RuleSources with(String file, String text) {
        Map<String, byte[]> rules = new LinkedHashMap<>(SHIPPED.rules());
        rules.put(file, text.getBytes(StandardCharsets.UTF_8));
        return RuleSources.of(rules, SHIPPED.scenarios());
    }

    /** A stand-in for a check that a rule ended half-way: prints nothing, exits 0. */
    public static final class ExitsAtOnce {
        public static void main(String[] args) {
            System.exit(0);
        }
    }
}
