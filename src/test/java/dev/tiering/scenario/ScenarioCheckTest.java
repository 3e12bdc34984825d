package dev.tiering.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.tiering.engine.RuleCompilationException;
import dev.tiering.engine.RuleCompiler;
import dev.tiering.engine.RuleEngine;
import dev.tiering.engine.RuleError;
import dev.tiering.engine.RuleSet;
import dev.tiering.engine.RuleSources;
import dev.tiering.engine.RulesFixture;
import dev.tiering.model.ProfileValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The scenario check without Quarkus: the shipped scenarios pass, and each kind of failure names
 * file and cause.
 */
@Execution(ExecutionMode.CONCURRENT)
class ScenarioCheckTest {
    private static ScenarioReader reader;
    private static ScenarioCheck check;

    @TempDir Path dir;

    @BeforeAll
    static void setUp() {
        reader = new ScenarioReader(RulesFixture.JSON, new ProfileValidator());
        check =
                new ScenarioCheck(
                        new RuleEngine(10_000),
                        Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void the_shipped_scenarios_cover_the_note_table_and_the_boundaries_and_pass() {
        List<Scenario> scenarios = read(RulesFixture.RULES);

        assertThat(scenarios)
                .extracting(Scenario::file)
                .contains(
                        "scenarios/iren.json",
                        "scenarios/hut.json",
                        "scenarios/apld.json",
                        "scenarios/cifr.json",
                        "scenarios/wulf.json",
                        "scenarios/glxy.json",
                        "scenarios/corz.json",
                        "scenarios/riot.json",
                        "scenarios/btdr.json",
                        "scenarios/mara.json",
                        "scenarios/clsk.json",
                        "scenarios/bitf.json",
                        "scenarios/hive.json",
                        "scenarios/boundary-established-backlog-exactly-1b.json",
                        "scenarios/boundary-established-backlog-just-below-1b.json",
                        "scenarios/boundary-small-enterprise-beside-massive-neocloud.json",
                        "scenarios/boundary-two-established-customers-together-1b.json",
                        "scenarios/boundary-density-exactly-5m.json",
                        "scenarios/boundary-share-exactly-half.json",
                        "scenarios/boundary-no-north-american-ai-power.json");
        assertThatCode(() -> check.requirePassing(RulesFixture.rules(), scenarios))
                .doesNotThrowAnyException();
    }

    @Test
    void a_wrong_expectation_is_refused_naming_the_file_and_the_difference() throws IOException {
        scenario(
                "iren.json",
                Files.readString(RulesFixture.RULES.resolve("scenarios/iren.json"))
                        .replace("\"tier\": \"TIER_1\"", "\"tier\": \"TIER_2\"")
                        .replace("\"stage\": \"NEOCLOUD\"", "\"stage\": null"));

        assertThatThrownBy(() -> check.requirePassing(RulesFixture.rules(), read(dir)))
                .isInstanceOfSatisfying(
                        RuleCompilationException.class,
                        e ->
                                assertThat(e.errors())
                                        .containsExactly(
                                                new RuleError(
                                                        "scenarios/iren.json",
                                                        0,
                                                        0,
                                                        "expected tier TIER_2 but got TIER_1"),
                                                new RuleError(
                                                        "scenarios/iren.json",
                                                        0,
                                                        0,
                                                        "expected stage none but got NEOCLOUD")));
    }

    @Test
    void the_shipped_scenarios_are_all_checked_at_the_shipped_thresholds() {
        assertThat(check.requirePassing(RulesFixture.rules(), read(RulesFixture.RULES))).isEmpty();
    }

    @Test
    void a_scenario_written_for_another_threshold_is_skipped_and_the_skip_says_why()
            throws IOException {
        String hash = Files.readString(Path.of("examples", "HASH.json"));
        scenario(
                "old.json",
                "{\"assumes\": {\"massiveEstablishedBacklogUsd\": 2000000000}, \"profile\": "
                        + hash
                        + ", \"expect\": {\"tier\": \"TIER_1\"}}");
        scenario(
                "current.json",
                "{\"assumes\": {\"massiveEstablishedBacklogUsd\": 1000000000}, \"profile\": "
                        + hash
                        + ", \"expect\": {\"tier\": \"UNTIERED\"}}");

        assertThat(check.requirePassing(RulesFixture.rules(), read(dir)))
                .containsExactly(
                        "scenarios/old.json: assumes massiveEstablishedBacklogUsd = 2000000000, the"
                                + " rules have 1000000000");
    }

    @Test
    void a_scenario_that_assumes_an_unknown_threshold_is_refused() throws IOException {
        String hash = Files.readString(Path.of("examples", "HASH.json"));
        scenario(
                "typo.json",
                "{\"assumes\": {\"massiveBacklog\": 1}, \"profile\": "
                        + hash
                        + ", \"expect\": {\"tier\": \"UNTIERED\"}}");

        assertThatThrownBy(() -> check.requirePassing(RulesFixture.rules(), read(dir)))
                .isInstanceOfSatisfying(
                        RuleCompilationException.class,
                        e ->
                                assertThat(e.errors())
                                        .containsExactly(
                                                new RuleError(
                                                        "scenarios/typo.json",
                                                        0,
                                                        0,
                                                        "assumes 'massiveBacklog', but no rule file"
                                                                + " declares a function of that"
                                                                + " name")));
    }

    @Test
    void parts_left_out_of_expect_are_not_checked_but_an_empty_risk_list_is() throws IOException {
        String hash = Files.readString(Path.of("examples", "HASH.json"));
        scenario(
                "hash-tier-only.json",
                "{\"profile\": " + hash + ", \"expect\": {\"tier\": \"UNTIERED\"}}");
        scenario(
                "hash-no-risk.json",
                "{\"profile\": " + hash + ", \"expect\": {\"tier\": \"UNTIERED\", \"risks\": []}}");

        List<Scenario> scenarios = read(dir);
        assertThat(scenarios)
                .extracting(Scenario::name)
                .containsExactly("hash-no-risk", "hash-tier-only");
        assertThatThrownBy(() -> check.requirePassing(RulesFixture.rules(), scenarios))
                .isInstanceOfSatisfying(
                        RuleCompilationException.class,
                        e ->
                                assertThat(e.errors())
                                        .containsExactly(
                                                new RuleError(
                                                        "scenarios/hash-no-risk.json",
                                                        0,
                                                        0,
                                                        "expected risks [] but got"
                                                                + " [CRYPTO_EXPOSURE]")));
    }

    @Test
    void malformed_json_is_refused_with_line_and_column() throws IOException {
        scenario(
                "broken.json",
                "{\n"
                        + "  \"expect\": {\"tier\": \"TIER_1\"},\n"
                        + "  \"profile\": {\"ticker\": \"X\",}\n"
                        + "}\n");

        assertThatThrownBy(() -> read(dir))
                .isInstanceOfSatisfying(
                        RuleCompilationException.class,
                        e -> {
                            RuleError error = e.errors().get(0);
                            assertThat(error.file()).isEqualTo("scenarios/broken.json");
                            assertThat(error.line()).isEqualTo(3);
                            assertThat(error.column()).isPositive();
                            assertThat(error.message()).startsWith("malformed JSON");
                        });
    }

    @Test
    void typos_unknown_values_and_invalid_profiles_are_refused_with_their_path()
            throws IOException {
        scenario(
                "typo.json",
                "{\"profile\": {\"ticker\": \"X\"}, \"expect\": {\"tier\": \"TIER_1\", \"teir\":"
                        + " 1}}");
        scenario(
                "tier4.json",
                "{\"profile\": {\"ticker\": \"X\"}, \"expect\": {\"tier\": \"TIER_4\"}}");
        scenario(
                "range.json",
                "{\"profile\": {\"ticker\": \"lower case\"}, \"expect\": {\"tier\":"
                        + " \"UNTIERED\"}}");
        scenario(
                "unknown.json",
                "{\"profile\": {\"ticker\": \"X\", \"colour\": \"red\"},"
                        + " \"expect\": {\"tier\": \"UNTIERED\"}}");

        assertThatThrownBy(() -> read(dir))
                .isInstanceOfSatisfying(
                        RuleCompilationException.class,
                        e -> {
                            assertThat(e.errors())
                                    .extracting(RuleError::file, RuleError::message)
                                    .containsExactly(
                                            tuple(
                                                    "scenarios/range.json",
                                                    "profile.ticker: must match [A-Z0-9.-]{1,12}"),
                                            tuple(
                                                    "scenarios/tier4.json",
                                                    "expect.tier: unknown value 'TIER_4'; must be"
                                                            + " one of TIER_1, TIER_2, TIER_3,"
                                                            + " UNTIERED"),
                                            tuple(
                                                    "scenarios/typo.json",
                                                    "expect.teir: unknown field; allowed: tier,"
                                                            + " stage, risks, fullStack"),
                                            tuple(
                                                    "scenarios/unknown.json",
                                                    "profile.colour: unknown field"));
                            assertThat(e.errors())
                                    .allSatisfy(
                                            err ->
                                                    assertThat(err.message())
                                                            .doesNotContain("java."));
                        });
    }

    @Test
    void a_rule_that_fires_forever_is_refused_naming_the_rule_its_file_and_line()
            throws IOException {
        RuleSet candidate = withRunaway();
        List<Scenario> iren =
                read(RulesFixture.RULES).stream()
                        .filter(s -> s.file().equals("scenarios/iren.json"))
                        .toList();

        assertThatThrownBy(() -> check.requirePassing(candidate, iren))
                .isInstanceOfSatisfying(
                        RuleCompilationException.class,
                        e ->
                                assertThat(e.errors())
                                        .singleElement()
                                        .satisfies(
                                                err -> {
                                                    assertThat(err.file()).isEqualTo("runaway.drl");
                                                    assertThat(err.line()).isEqualTo(6);
                                                    assertThat(err.message())
                                                            .contains(
                                                                    "'Runaway: re-mark every deal'")
                                                            .contains("scenarios/iren.json")
                                                            .contains("10000 firings");
                                                }));
    }

    @Test
    void the_gate_stops_at_the_first_scenario_a_rule_runs_away_on() throws IOException {
        RuleSet candidate = withRunaway();
        List<Scenario> all = read(RulesFixture.RULES);
        // the first scenario it runs away on, checked alone; the ones after it are not run
        int first = 0;
        while (check.run(candidate, all.get(first)).runaway() == null) {
            first++;
        }
        int notRun = all.size() - first - 1;
        assertThat(notRun).isPositive();
        String where = all.get(first).file();

        assertThatThrownBy(() -> check.requirePassing(candidate, all))
                .isInstanceOfSatisfying(
                        RuleCompilationException.class,
                        e -> {
                            assertThat(e.getMessage())
                                    .contains(
                                            "1 of "
                                                    + all.size()
                                                    + " scenarios fail ("
                                                    + notRun
                                                    + " not run after a runaway)");
                            assertThat(e.errors())
                                    .singleElement()
                                    .satisfies(
                                            err ->
                                                    assertThat(err.message())
                                                            .contains(
                                                                    "kept firing on scenario "
                                                                            + where
                                                                            + ":"));
                        });
    }

    /** The shipped rules and {@link RulesFixture#RUNAWAY_DRL} as {@code runaway.drl}, compiled. */
    private static RuleSet withRunaway() throws IOException {
        Map<String, byte[]> files =
                new LinkedHashMap<>(RuleSources.read(RulesFixture.RULES).rules());
        files.put("runaway.drl", RulesFixture.RUNAWAY_DRL.getBytes(StandardCharsets.UTF_8));
        return new RuleCompiler().compile(RuleSources.ofRules(files));
    }

    @Test
    void a_folder_without_scenarios_has_none() {
        assertThat(read(dir)).isEmpty();
    }

    @Test
    void editor_leftovers_in_the_scenarios_folder_are_not_scenarios() {
        List<String> names = new ArrayList<>();
        for (String n :
                List.of("iren.json", ".iren.json.swp", "#iren.json#", "iren.json~", "notes.md")) {
            if (RuleSources.isScenarioFile(Path.of("scenarios", n))) {
                names.add(n);
            }
        }
        assertThat(names).containsExactly("iren.json");
    }

    private static List<Scenario> read(Path folder) {
        return reader.read(RuleSources.read(folder));
    }

    private void scenario(String name, String content) throws IOException {
        Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(dir.resolve("scenarios").resolve(name), content);
    }
}
