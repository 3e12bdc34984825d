package dev.tiering.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiering.codec.Json;
import dev.tiering.engine.RuleSources;
import dev.tiering.engine.RulesFixture;
import dev.tiering.lifecycle.RulesCopy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The check command in-process, through {@link CheckCommand#run}, on private copies of the real
 * {@code rules/} folder: each behaviour a rules repository's CI relies on (a good folder, a broken
 * file, a failing scenario, coverage under the bar, bad usage, the JUnit report, the blast radius)
 * and the JSON document a parent process reads.
 */
@Execution(ExecutionMode.CONCURRENT)
class CheckCommandTest {
    /** A rule no scenario can fire: no operator has a negative GPU count. */
    private static final String NEVER_FIRES =
            """
            package rules;

            import dev.tiering.engine.facts.OperatorFact;

            rule "Never: an operator with fewer than no GPUs"
            when
                $o : OperatorFact( gpus < 0 )
            then
            end
            """;

    @TempDir Path temp;

    private Path copy;

    /** What one run printed, and its exit code. */
    record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        String lastLine() {
            List<String> lines = lines();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    /**
     * A rule that updates the operator it matches, so it matches again: its rule keyword is on line
     * 5.
     */
    private static final String LOOP_DRL =
            """
            package rules;

            import dev.tiering.engine.facts.OperatorFact;

            rule "Loop: touches the operator it matches"
            when
                $o : OperatorFact()
            then
                update( $o );
            end
            """;

    @BeforeEach
    void copyRules() {
        copy = temp.resolve("rules");
        copyTree(RulesFixture.RULES, copy);
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit =
                CheckCommand.run(
                        args,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(
                exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static int scenarioCount(Path dir) {
        return RuleSources.read(dir).scenarios().size();
    }

    /** How many rules screen.drl of the shipped folder declares. */
    private static long screenRuleCount() {
        try {
            return Files.readAllLines(RulesFixture.RULES.resolve("screen.drl")).stream()
                    .filter(l -> l.startsWith("rule \""))
                    .count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void the_shipped_folder_holds_with_every_rule_covered() {
        Run r = run("--min-coverage", "1.0", "rules");

        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out())
                .doesNotContain(": error: ", ": warning: ")
                .contains(
                        "scenarios: "
                                + scenarioCount(RulesFixture.RULES)
                                + " passed, 0 failed, 0 skipped")
                .containsPattern(
                        "coverage: 1\\.0 \\((\\d+) of \\1 rules fired by a scenario; at least 1\\.0"
                                + " wanted\\)")
                .contains("not counted: " + screenRuleCount() + " screen rule(s) of screen.drl");
        assertThat(r.lastLine())
                .startsWith(
                        "OK: rules holds (rule set "
                                + RuleSources.read(RulesFixture.RULES).version()
                                + ")");
    }

    @Test
    void a_file_that_does_not_compile_is_an_error_at_its_line_and_column_and_exit_1() {
        RulesCopy.replace(
                copy.resolve("tiers.drl"),
                "$o : OperatorFact( bindingDeals > 0 )",
                "$o : OperatorFact( bindingDeals > 0 ");

        Run r = run(copy.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEmpty();
        assertThat(r.lines())
                .anyMatch(
                        l ->
                                l.matches(
                                        Pattern.quote(copy.resolve("tiers.drl").toString())
                                                + ":[1-9]\\d*:[1-9]\\d*: error: .+"));
        assertThat(r.out())
                .contains(
                        "scenarios: not run ("
                                + scenarioCount(copy)
                                + " found): the rules do not"
                                + " compile");
        assertThat(r.lastLine()).isEqualTo("FAILED: the rules do not compile");
    }

    @Test
    void
            a_failing_scenario_names_the_line_of_its_expectation_what_differed_and_the_rules_that_fired()
                    throws IOException {
        RulesCopy.expectTier(copy, "iren.json", "TIER_2");
        Path iren = copy.resolve("scenarios/iren.json");

        Run r = run(copy.toString());

        assertThat(r.exit()).isEqualTo(1);
        Matcher m =
                Pattern.compile(
                                "^"
                                        + Pattern.quote(iren.toString())
                                        + ":(\\d+):(\\d+): error: expected tier TIER_2 but got"
                                        + " TIER_1$",
                                Pattern.MULTILINE)
                        .matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        String line = Files.readAllLines(iren).get(Integer.parseInt(m.group(1)) - 1);
        assertThat(line.substring(Integer.parseInt(m.group(2)) - 1)).startsWith("\"tier\"");
        assertThat(r.out())
                .contains("FAILED scenarios/iren.json: IREN Limited is Tier One")
                .contains("    expected tier TIER_2 but got TIER_1")
                .contains("    rules fired:")
                .containsPattern("      tiers\\.drl:\\d+ Tier one: ")
                .contains(
                        "scenarios: " + (scenarioCount(copy) - 1) + " passed, 1 failed, 0 skipped");
        assertThat(r.lastLine()).isEqualTo("FAILED: 1 scenario fails");
    }

    @Test
    void a_rule_no_scenario_fires_is_a_warning_at_its_line_and_under_the_bar_an_error_and_exit_1() {
        RulesCopy.write(copy.resolve("never.drl"), NEVER_FIRES);
        String where = Pattern.quote(copy.resolve("never.drl").toString()) + ":5:1: ";
        String what = "no scenario fires rule 'Never: an operator with fewer than no GPUs'";

        Run noBar = run(copy.toString());
        assertThat(noBar.exit()).as(noBar.out()).isZero();
        assertThat(noBar.lines())
                .anyMatch(l -> l.matches(where + "warning: " + Pattern.quote(what)));

        Run low = run("--min-coverage", "0.5", copy.toString());
        assertThat(low.exit()).isZero();

        Run full = run("--min-coverage", "1.0", copy.toString());
        assertThat(full.exit()).isEqualTo(1);
        assertThat(full.lines()).anyMatch(l -> l.matches(where + "error: " + Pattern.quote(what)));
        Matcher m =
                Pattern.compile("coverage: (0\\.\\d+) \\((\\d+) of (\\d+) rules")
                        .matcher(full.out());
        assertThat(m.find()).as(full.out()).isTrue();
        assertThat(Integer.parseInt(m.group(3)) - Integer.parseInt(m.group(2))).isEqualTo(1);
        assertThat(full.lastLine()).isEqualTo("FAILED: coverage " + m.group(1) + " is under 1.0");
    }

    @Test
    void a_skipped_scenario_fires_nothing_and_so_covers_nothing() {
        // Only the rule moves: every scenario that assumes USD 1 B is skipped, and the rules only
        // they fired (Tier one among them) are no longer covered.
        RulesCopy.raiseMassiveBacklogTo20B(copy, true);

        Run r = run("--min-coverage", "1.0", copy.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out())
                .contains(
                        "SKIPPED scenarios/iren.json: assumes massiveEstablishedBacklogUsd ="
                                + " 1000000000, the rules have 20000000000")
                .containsPattern("scenarios: \\d+ passed, 0 failed, [1-9]\\d* skipped")
                .containsPattern("tiers\\.drl:\\d+:1: error: no scenario fires rule 'Tier one: ");
    }

    @Test
    void a_rule_that_keeps_firing_is_an_error_at_the_rule_once_not_once_per_scenario() {
        RulesCopy.write(copy.resolve("loop.drl"), LOOP_DRL);

        Run r = run(copy.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(
                        r.lines().stream()
                                .filter(
                                        l ->
                                                l.contains(
                                                        ": error: rule 'Loop: touches the operator"
                                                                + " it matches' kept firing on "
                                                                + scenarioCount(copy)
                                                                + " scenarios")))
                .singleElement()
                .asString()
                .startsWith(copy.resolve("loop.drl") + ":5:1: error: ");
    }

    @Test
    void the_services_gate_stops_at_the_first_scenario_a_rule_runs_away_on() {
        RulesCopy.write(copy.resolve("loop.drl"), LOOP_DRL);

        // What the checker runs for the service: the rule is refused at its line as by the
        // command, after one scenario instead of all of them.
        CheckReport gate = CheckCommand.folderCheck(Json.mapper()).gate(copy, rules -> {});

        assertThat(gate.exitCode()).isEqualTo(CheckReport.FAILED);
        assertThat(gate.failures())
                .containsExactly(
                        "1 scenario fails",
                        (scenarioCount(copy) - 1) + " scenarios not run after a runaway");
        assertThat(gate.count(CheckReport.Status.FAILED)).isEqualTo(1);
        assertThat(gate.count(CheckReport.Status.NOT_RUN)).isEqualTo(scenarioCount(copy) - 1);
        assertThat(gate.scenarios())
                .filteredOn(s -> s.status() == CheckReport.Status.NOT_RUN)
                .allSatisfy(
                        s ->
                                assertThat(s.skipped())
                                        .isEqualTo(
                                                "not run: rule 'Loop: touches the operator it"
                                                        + " matches' (loop.drl) ran away on an"
                                                        + " earlier scenario"));
        assertThat(gate.errors())
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.file()).isEqualTo("loop.drl");
                            assertThat(e.line()).isEqualTo(5);
                            assertThat(e.message())
                                    .startsWith(
                                            "rule 'Loop: touches the operator it matches' kept"
                                                    + " firing on scenario scenarios/");
                        });
    }

    @Test
    void an_unreadable_scenario_is_an_error_at_its_line_and_the_other_scenarios_still_run() {
        RulesCopy.write(
                copy.resolve("scenarios/broken.json"),
                "{\n  \"name\": \"Broken\",\n  \"teir\": 1\n}\n");

        Run r = run(copy.toString());

        assertThat(r.exit()).isEqualTo(1);
        // Jackson reports an unknown field of a record where the object ends, so the position is
        // the brace.
        assertThat(r.out())
                .containsPattern(
                        Pattern.quote(copy.resolve("scenarios/broken.json").toString())
                                + ":[1-9]\\d*:[1-9]\\d*: error: teir: unknown field")
                .contains("UNREADABLE scenarios/broken.json")
                .contains(
                        "scenarios: "
                                + (scenarioCount(copy) - 1)
                                + " passed, 0 failed, 0 skipped (1 unreadable)");
    }

    @Test
    void a_folder_that_cannot_be_read_or_holds_no_rule_file_is_an_error_of_the_folder()
            throws IOException {
        Files.createSymbolicLink(
                copy.resolve("linked.drl"), copy.resolve("tiers.drl").toAbsolutePath());

        Run linked = run(copy.toString());
        assertThat(linked.exit()).isEqualTo(1);
        assertThat(linked.lines())
                .anyMatch(
                        l ->
                                l.startsWith(
                                        copy.resolve("linked.drl")
                                                + ":1:1: error: is a"
                                                + " symbolic link"));
        assertThat(linked.lastLine()).isEqualTo("FAILED: the rule folder cannot be read");

        Path empty = Files.createDirectories(temp.resolve("empty"));
        Run none = run(empty.toString());
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.lines()).contains(empty + ": error: the rule folder holds no .drl file");
    }

    @Test
    void bad_usage_exits_2_with_the_problem_and_the_usage_line_on_stderr() {
        String missing = temp.resolve("no-such-folder").toString();
        for (String[] args :
                List.of(
                        new String[] {"--frobnicate", "rules"},
                        new String[] {},
                        new String[] {missing},
                        new String[] {"--min-coverage", "1.5", "rules"},
                        new String[] {"--min-coverage", "most", "rules"},
                        new String[] {"--junit"},
                        new String[] {"rules", "rules"},
                        new String[] {
                            "--operators", "src/main/resources/seed/operators.json", "rules"
                        },
                        new String[] {"--operators", missing, "--baseline", "rules", "rules"})) {
            Run r = run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err())
                    .startsWith("tiering-check: ")
                    .contains(
                            "usage: java -jar tiering-check.jar [--junit FILE] [--min-coverage F]"
                                    + " [--operators FILE --baseline DIR] [--json] DIR");
        }
        assertThat(run("--frobnicate", "rules").err()).contains("unknown option --frobnicate");
        assertThat(run(missing).err()).contains("rule folder " + missing + " does not exist");

        Run help = run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("usage: ").contains("Exit status: 0");
    }

    @Test
    void the_junit_report_has_a_test_case_per_scenario_with_failures_and_skips() throws Exception {
        RulesCopy.expectTier(copy, "iren.json", "TIER_2");
        String hash = Files.readString(Path.of("examples", "HASH.json"));
        RulesCopy.write(
                copy.resolve("scenarios/old.json"),
                "{\"name\": \"Written for USD 2 B\", \"assumes\":"
                        + " {\"massiveEstablishedBacklogUsd\": 2000000000}, \"profile\": "
                        + hash
                        + ", \"expect\": {\"tier\": \"TIER_3\"}}");
        Path report = temp.resolve("reports/check.xml");

        Run r = run("--junit", report.toString(), "--min-coverage", "1.0", copy.toString());

        assertThat(r.exit()).isEqualTo(1);
        Document xml =
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile());
        Element root = xml.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        Element scenarios = suite(xml, "rules.scenarios");
        int files = scenarioCount(copy);
        assertThat(scenarios.getElementsByTagName("testcase").getLength()).isEqualTo(files);
        assertThat(scenarios.getAttribute("tests")).isEqualTo(String.valueOf(files));
        assertThat(scenarios.getAttribute("failures")).isEqualTo("1");
        assertThat(scenarios.getAttribute("skipped")).isEqualTo("1");
        Element iren =
                testcase(scenarios, "iren.json: IREN Limited is Tier One (research note table)");
        Element failure = (Element) iren.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message"))
                .isEqualTo("expected tier TIER_2 but got TIER_1");
        assertThat(failure.getTextContent()).contains("rules fired: ");
        Element old = testcase(scenarios, "old.json: Written for USD 2 B");
        assertThat(((Element) old.getElementsByTagName("skipped").item(0)).getAttribute("message"))
                .isEqualTo(
                        "assumes massiveEstablishedBacklogUsd = 2000000000, the rules have"
                                + " 1000000000");
        Element compile = suite(xml, "rules.compile");
        assertThat(compile.getAttribute("failures")).isEqualTo("0");
        assertThat(compile.getElementsByTagName("testcase").getLength())
                .isEqualTo(RuleSources.read(copy).rules().size());
        assertThat(suite(xml, "rules.coverage").getAttribute("failures")).isEqualTo("0");
    }

    @Test
    void the_junit_report_of_a_folder_that_does_not_compile_fails_the_file_and_skips_the_scenarios()
            throws Exception {
        RulesCopy.replace(
                copy.resolve("tiers.drl"),
                "$o : OperatorFact( bindingDeals > 0 )",
                "$o : OperatorFact( bindingDeals > 0 ");
        Path report = temp.resolve("check.xml");

        assertThat(run("--junit", report.toString(), copy.toString()).exit()).isEqualTo(1);

        Document xml =
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile());
        Element tiers = testcase(suite(xml, "rules.compile"), "tiers.drl");
        assertThat(((Element) tiers.getElementsByTagName("failure").item(0)).getTextContent())
                .contains(copy.resolve("tiers.drl") + ":");
        Element scenarios = suite(xml, "rules.scenarios");
        assertThat(scenarios.getAttribute("skipped"))
                .isEqualTo(String.valueOf(scenarioCount(copy)));
    }

    @Test
    void the_blast_radius_lists_who_changes_tier_between_the_baseline_and_the_folder()
            throws IOException {
        RulesCopy.raiseMassiveBacklogTo20B(copy, false);
        Path operators = temp.resolve("operators.json");
        Files.writeString(
                operators,
                "[\n"
                        + operator("BIG", 30_000_000_000L)
                        + ",\n"
                        + "{\"profile\": "
                        + operator("MID", 5_000_000_000L)
                        + ", \"classification\": {}},\n"
                        + operator("SMALL", 500_000_000L)
                        + "\n]\n");

        Run r = run("--operators", operators.toString(), "--baseline", "rules", copy.toString());

        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out())
                .contains(
                        "moves from rules (rule set "
                                + RuleSources.read(RulesFixture.RULES).version()
                                + ") to "
                                + copy
                                + " (rule set "
                                + RuleSources.read(copy).version()
                                + "): 1 of the 3 operators of "
                                + operators
                                + " change tier\n    MID TIER_1 -> TIER_2\n");

        JsonNode json =
                RulesFixture.JSON.readTree(
                        run(
                                        "--json",
                                        "--operators",
                                        operators.toString(),
                                        "--baseline",
                                        "rules",
                                        copy.toString())
                                .out());
        assertThat(json.at("/moves/operators").asInt()).isEqualTo(3);
        assertThat(json.at("/moves/changes").toString())
                .isEqualTo("[{\"ticker\":\"MID\",\"from\":\"TIER_1\",\"to\":\"TIER_2\"}]");
    }

    @Test
    void a_bad_operators_file_is_an_error_at_the_line_of_the_operator() throws IOException {
        Path operators = temp.resolve("operators.json");
        Files.writeString(
                operators,
                "[\n" + operator("OK", 1_000L) + ",\n  {\"ticker\": \"bad ticker\"}\n]\n");

        Run r = run("--operators", operators.toString(), "--baseline", "rules", "rules");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.lines())
                .contains(operators + ":3:3: error: [1].ticker: must match [A-Z0-9.-]{1,12}");
    }

    @Test
    void json_prints_one_document_with_errors_scenario_results_and_coverage() throws IOException {
        RulesCopy.expectTier(copy, "iren.json", "TIER_2");
        RulesCopy.write(copy.resolve("never.drl"), NEVER_FIRES);

        Run r = run("--json", "--min-coverage", "1", copy.toString());

        assertThat(r.exit()).isEqualTo(1);
        JsonNode json = RulesFixture.JSON.readTree(r.out());
        assertThat(json.get("exitCode").asInt()).isEqualTo(1);
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.get("version").asText()).isEqualTo(RuleSources.read(copy).version());
        assertThat(json.at("/errors/0/file").asText()).isEqualTo("scenarios/iren.json");
        assertThat(json.at("/errors/0/line").asInt()).isPositive();
        assertThat(json.at("/errors/0/message").asText())
                .isEqualTo("expected tier TIER_2 but got TIER_1");
        assertThat(json.at("/scenarios/failed").asInt()).isEqualTo(1);
        assertThat(json.at("/scenarios/results")).hasSize(scenarioCount(copy));
        List<String> statuses = new ArrayList<>();
        json.at("/scenarios/results").forEach(s -> statuses.add(s.get("status").asText()));
        assertThat(statuses).containsOnly("PASSED", "FAILED");
        assertThat(json.at("/coverage/met").asBoolean()).isFalse();
        assertThat(json.at("/coverage/unfired/0/rule").asText())
                .isEqualTo("Never: an operator with fewer than no GPUs");
        assertThat(json.at("/coverage/unfired/0/file").asText()).isEqualTo("never.drl");
        assertThat(json.at("/coverage/notCounted")).hasSize((int) screenRuleCount());
        assertThat(json.get("failures").toString()).contains("1 scenario fails", "coverage");
        assertThat(json.get("moves").isNull()).isTrue();
    }

    /**
     * A profile whose one binding deal is with a hyperscaler: Tier One from USD 1 B (and from 20 B
     * raised).
     */
    private static String operator(String ticker, long valueUsd) {
        return "  {\"ticker\": \""
                + ticker
                + "\", \"sites\": [{\"name\": \"A\", \"country\": \"US\", \"mw\": 100,"
                + " \"aiDedicated\": true, \"status\": \"ENERGIZED\"}], \"deals\": [{\"id\":"
                + " \"d1\", \"counterparty\": \"Microsoft\", \"counterpartyType\": \"HYPERSCALER\","
                + " \"service\": \"COLOCATION\", \"status\": \"BINDING\", \"valueUsd\": "
                + valueUsd
                + ", \"termYears\": 10, \"mw\": 100, \"signed\":"
                + " \"2025-01-01\"}]}";
    }

    private static Element suite(Document xml, String name) {
        NodeList suites = xml.getElementsByTagName("testsuite");
        for (int i = 0; i < suites.getLength(); i++) {
            Element e = (Element) suites.item(i);
            if (e.getAttribute("name").equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no testsuite " + name);
    }

    private static Element testcase(Element suite, String name) {
        NodeList cases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element e = (Element) cases.item(i);
            if (e.getAttribute("name").equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no testcase " + name);
    }

    static void copyTree(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
