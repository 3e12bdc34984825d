package dev.tiering.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tiering.codec.Json;
import dev.tiering.engine.CompiledRules;
import dev.tiering.engine.RuleCompilationException;
import dev.tiering.engine.RuleCompiler;
import dev.tiering.engine.RuleError;
import dev.tiering.engine.RuleSources;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The checker JVM beside the service: it stays up from one candidate to the next, hands back the
 * class files of rules that hold, and turns what it cannot survive (an answer that never comes, its
 * own death) into a refusal that names the changed files, starting afresh for the next candidate.
 */
@Execution(ExecutionMode.CONCURRENT)
class CheckerProcessTest {
    private static final Duration BUDGET = Duration.ofSeconds(30);
    private static final RuleSources SHIPPED = RuleSources.read(Path.of("rules"));
    private static final CheckerProcess CHECKER = new CheckerProcess("256m", BUDGET, Json.mapper());

    @AfterAll
    static void stop() {
        CHECKER.close();
    }

    @Test
    void the_shipped_rules_hold_and_come_back_compiled_by_one_checker_that_stays_up() {
        CompiledRules first = CHECKER.vet(SHIPPED, null);
        long pid = CHECKER.pid();
        CompiledRules again = CHECKER.vet(with("extra.drl", "package rules;\n"), SHIPPED);

        assertThat(first).isNotNull();
        assertThat(first.version()).isEqualTo(SHIPPED.version());
        assertThat(new RuleCompiler().compile(SHIPPED, first).compiled()).isSameAs(first);
        assertThat(again).isNotNull();
        assertThat(CHECKER.pid()).as("the same checker").isEqualTo(pid);
    }

    @Test
    void rules_that_do_not_hold_are_refused_with_the_checkers_file_and_line() {
        RuleSources broken = with("broken.drl", "package rules;\nrule \"half\" when then\n");
        RuleCompilationException e =
                catchThrowableOfType(
                        RuleCompilationException.class, () -> CHECKER.vet(broken, SHIPPED));
        assertThat(e.errors())
                .anySatisfy(
                        err -> {
                            assertThat(err.file()).isEqualTo("broken.drl");
                            assertThat(err.line()).isGreaterThan(0);
                        });
    }

    @Test
    void a_rule_that_fills_the_heap_is_stopped_by_its_budget_and_the_checker_goes_on() {
        RuleSources hungry =
                with(
                        "hungry.drl",
                        """
                        package rules;
                        import dev.tiering.engine.facts.OperatorFact;
                        import java.util.ArrayList;
                        import java.util.List;
                        function int hoard(int n) { List all = new ArrayList(); while (true) { all.add(new long[n << 16]); } }
                        rule "Hoard"
                        when
                            OperatorFact()
                        then
                            hoard(1);
                        end
                        """);
        long pid = CHECKER.pid();
        RuleCompilationException e =
                catchThrowableOfType(
                        RuleCompilationException.class, () -> CHECKER.vet(hungry, SHIPPED));
        assertThat(e.errors().get(0).file()).isEqualTo("hungry.drl");
        assertThat(e.errors().get(0).line()).isEqualTo(6);
        assertThat(e.errors().get(0).message()).contains("rule 'Hoard'", "MB");
        assertThat(CHECKER.pid()).as("the same checker").isEqualTo(pid);
    }

    @Test
    void
            a_checker_that_does_not_answer_in_time_is_killed_the_candidate_refused_and_a_new_one_starts() {
        try (CheckerProcess silent =
                new CheckerProcess(
                        CheckerProcess.command("64m", NeverAnswers.class.getName()),
                        Duration.ofSeconds(2),
                        Json.mapper())) {
            RuleSources changed = with("extra.drl", "package rules;\n");
            RuleCompilationException e =
                    catchThrowableOfType(
                            RuleCompilationException.class, () -> silent.vet(changed, SHIPPED));
            long first = silent.lastPid();
            catchThrowableOfType(
                    RuleCompilationException.class, () -> silent.vet(changed, SHIPPED));

            assertThat(e.errors()).extracting(RuleError::file).containsExactly("extra.drl");
            assertThat(e.errors().get(0).message()).contains("took longer than 2 s", "never end");
            assertThat(ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false))
                    .as("the checker that overran")
                    .isFalse();
            assertThat(silent.lastPid()).as("a new checker").isNotEqualTo(first);
        }
    }

    @Test
    void closing_the_checker_in_the_middle_of_a_check_stops_it_at_once() throws Exception {
        CheckerProcess silent =
                new CheckerProcess(
                        CheckerProcess.command("64m", NeverAnswers.class.getName()),
                        Duration.ofSeconds(60),
                        Json.mapper());
        Thread check =
                new Thread(
                        () ->
                                catchThrowableOfType(
                                        RuntimeException.class,
                                        () ->
                                                silent.vet(
                                                        with("extra.drl", "package rules;\n"),
                                                        SHIPPED)));
        check.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (silent.lastPid() < 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long pid = silent.lastPid();
        Thread.sleep(300); // the request is sent: the check is waiting for its answer
        assertThat(check.isAlive()).isTrue();
        long started = System.nanoTime();
        silent.close();
        check.join(Duration.ofSeconds(10).toMillis());

        assertThat(check.isAlive()).as("the check, 10 s after close").isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("close, against a check budget of 60 s")
                .isLessThan(Duration.ofSeconds(10));
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void a_checker_that_dies_on_a_candidate_is_a_refusal_naming_every_file_when_none_is_live() {
        try (CheckerProcess dies =
                new CheckerProcess(
                        CheckerProcess.command("64m", DiesOnRequest.class.getName()),
                        BUDGET,
                        Json.mapper())) {
            RuleCompilationException e =
                    catchThrowableOfType(
                            RuleCompilationException.class, () -> dies.vet(SHIPPED, null));
            assertThat(e.errors()).hasSize(1);
            assertThat(e.errors().get(0).file()).isEqualTo(".");
            assertThat(e.errors().get(0).message())
                    .contains("stopped the checker (status 3)")
                    .contains(SHIPPED.rules().keySet())
                    .contains(SHIPPED.scenarios().keySet());
        }
    }

    @Test
    void a_checker_that_cannot_start_leaves_the_gate_here_alone() {
        try (CheckerProcess missing =
                new CheckerProcess(List.of("/nonexistent/bin/java"), BUDGET, Json.mapper())) {
            assertThat(missing.vet(SHIPPED, null)).isNull();
        }
    }

    private static RuleSources with(String file, String text) {
        Map<String, byte[]> rules = new LinkedHashMap<>(SHIPPED.rules());
        rules.put(file, text.getBytes(StandardCharsets.UTF_8));
        return RuleSources.of(rules, SHIPPED.scenarios());
    }

    /** A checker that starts and then never answers. */
    public static final class NeverAnswers {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("@@READY");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** A checker that dies on its first request. */
    public static final class DiesOnRequest {
        public static void main(String[] args) throws Exception {
            System.out.println("@@READY");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            System.exit(3);
        }
    }
}
