package dev.tiering.lifecycle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tiering.engine.RuleSources;
import dev.tiering.engine.RulesFixture;
import dev.tiering.store.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GET /rules and POST /rules/reload on a private copy of the rule folder (not watched, so only the
 * reloads the tests ask for happen): threshold edits with their tier moves, refusals with file and
 * line while the old rules keep serving, scenarios, runaway rules, dry runs and who may reload.
 */
@QuarkusTest
@TestProfile(RulesCopy.SeededStore.class)
class RulesResourceTest {

    private final List<String> stored = new ArrayList<>();

    /** The moves counted below are the note's operators': only they are in the store. */
    @BeforeEach
    void onlyTheNotesOperators() {
        Api.deleteAllBut(Api.noteTickers());
    }

    @AfterEach
    void restoreTheRulesAndTheStore() {
        for (String ticker : stored) {
            analyst().delete("/operators/" + ticker);
        }
        RulesCopy.restore(RulesCopy.dir());
        admin().post("/rules/reload").then().statusCode(200);
    }

    @Test
    void get_rules_lists_the_live_version_its_files_and_rules_to_anyone() {
        given().when()
                .get("/rules")
                .then()
                .statusCode(200)
                .body("version", equalTo(RulesCopy.shippedVersion()))
                .body("loadedAt", notNullValue())
                .body("files.file", hasItems("risks.drl", "screen.drl", "stages.drl", "tiers.drl"))
                .body(
                        "files.find { it.file == 'tiers.drl' }.rules",
                        hasItem("Tier one: massive binding orders from established customers"))
                .body("scenarios", equalTo(RuleSources.read(RulesFixture.RULES).scenarios().size()))
                .body("lastError", nullValue());
    }

    @Test
    void reloading_an_unchanged_folder_answers_the_live_version_and_moves_nobody() {
        admin().post("/rules/reload")
                .then()
                .statusCode(200)
                .body("version", equalTo(RulesCopy.shippedVersion()))
                .body("previousVersion", equalTo(RulesCopy.shippedVersion()))
                .body("activated", equalTo(false))
                .body("changes.size()", equalTo(0));
    }

    @Test
    void
            raising_the_massive_backlog_threshold_to_20b_moves_the_five_tier_one_operators_and_records_history() {
        String before = liveVersion();

        RulesCopy.raiseMassiveBacklogTo20B(RulesCopy.dir(), false);
        JsonPath report =
                admin().post("/rules/reload")
                        .then()
                        .statusCode(200)
                        .body("version", not(equalTo(before)))
                        .body("previousVersion", equalTo(before))
                        .body("activated", equalTo(true))
                        .body("dryRun", equalTo(false))
                        .extract()
                        .jsonPath();

        assertThat(report.getList("changes", Map.class))
                .containsExactlyInAnyOrder(
                        Map.of("ticker", "APLD", "from", "TIER_1", "to", "TIER_2"),
                        Map.of("ticker", "CIFR", "from", "TIER_1", "to", "TIER_2"),
                        Map.of("ticker", "HUT", "from", "TIER_1", "to", "TIER_2"),
                        Map.of("ticker", "IREN", "from", "TIER_1", "to", "TIER_2"),
                        Map.of("ticker", "WULF", "from", "TIER_1", "to", "TIER_2"));
        String after = report.getString("version");
        given().get("/rules").then().body("version", equalTo(after)).body("lastError", nullValue());
        given().get("/operators/IREN")
                .then()
                .statusCode(200)
                .body("classification.tier", equalTo("TIER_2"))
                .body("classification.ruleSet.version", equalTo(after));
        given().get("/operators/IREN/history")
                .then()
                .statusCode(200)
                .body("[0].cause", equalTo("RULES"))
                .body("[0].tier", equalTo("TIER_2"))
                .body("[0].ruleSetVersion", equalTo(after));
        given().get("/operators/GLXY").then().body("classification.tier", equalTo("TIER_2"));
    }

    @Test
    void an_operator_stored_through_the_api_is_in_the_changes_too() {
        String iren = store("IREN", "IREN-API");

        RulesCopy.raiseMassiveBacklogTo20B(RulesCopy.dir(), false);
        JsonPath report = admin().post("/rules/reload").then().statusCode(200).extract().jsonPath();

        assertThat(report.getList("changes", Map.class))
                .contains(Map.of("ticker", iren, "from", "TIER_1", "to", "TIER_2"));
    }

    @Test
    void a_threshold_edit_skips_the_scenarios_written_for_the_old_value_and_says_so() {
        RulesCopy.raiseMassiveBacklogTo20B(RulesCopy.dir(), true);

        admin().post("/rules/reload")
                .then()
                .statusCode(200)
                .body("activated", equalTo(true))
                .body(
                        "skippedScenarios",
                        hasItem(
                                startsWith(
                                        "scenarios/iren.json: assumes massiveEstablishedBacklogUsd"
                                                + " = 1000000000, the rules have 20000000000")))
                .body(
                        "skippedScenarios",
                        hasItem(
                                startsWith(
                                        "scenarios/boundary-established-backlog-exactly-1b.json:"
                                                + " ")))
                .body("changes.ticker", hasItem("IREN"));
        given().get("/rules").then().body("lastError", nullValue());
    }

    @Test
    void a_rule_edit_that_breaks_the_backlog_boundary_is_refused_naming_the_scenario() {
        String before = liveVersion();
        RulesCopy.replace(
                RulesCopy.dir().resolve("tiers.drl"),
                "$o : OperatorFact( establishedBacklogUsd >= massiveEstablishedBacklogUsd() )",
                "$o : OperatorFact( establishedBacklogUsd > massiveEstablishedBacklogUsd() )");

        admin().post("/rules/reload")
                .then()
                .statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(422))
                .body(
                        "errors",
                        hasItem(
                                Map.of(
                                        "file",
                                        "scenarios/boundary-established-backlog-exactly-1b.json",
                                        "line",
                                        0,
                                        "column",
                                        0,
                                        "message",
                                        "expected tier TIER_1 but got TIER_2")));
        given().get("/rules")
                .then()
                .body("version", equalTo(before))
                .body(
                        "lastError.errors.file",
                        hasItem("scenarios/boundary-established-backlog-exactly-1b.json"))
                .body("lastError.at", notNullValue());
    }

    @Test
    void a_file_that_does_not_compile_is_refused_with_file_and_line_while_classify_keeps_working()
            throws IOException {
        String before = liveVersion();
        Path tiers = RulesCopy.dir().resolve("tiers.drl");
        String broken = "$o : OperatorFact( bindingBacklogUsd >= )";
        RulesCopy.replace(
                tiers,
                "$o : OperatorFact( establishedBacklogUsd >= massiveEstablishedBacklogUsd() )",
                broken);
        int line = lineOf(tiers, broken);

        admin().post("/rules/reload")
                .then()
                .statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("title", notNullValue())
                .body("errors[0].file", equalTo("tiers.drl"))
                .body("errors[0].line", equalTo(line))
                .body("errors[0].message", notNullValue());

        given().contentType("application/json")
                .body(Files.readString(Path.of("examples", "IREN.json")))
                .when()
                .post("/classify")
                .then()
                .statusCode(200)
                .body("tier", equalTo("TIER_1"))
                .body("ruleSet.version", equalTo(before));
        given().get("/rules")
                .then()
                .body("version", equalTo(before))
                .body("lastError.message", notNullValue())
                .body("lastError.errors[0].file", equalTo("tiers.drl"))
                .body("lastError.errors[0].line", equalTo(line));

        RulesCopy.restore(RulesCopy.dir());
        admin().post("/rules/reload").then().statusCode(200);
        given().get("/rules").then().body("lastError", nullValue());
    }

    @Test
    void a_rule_edit_that_breaks_an_expected_stage_is_refused_naming_the_scenario() {
        Path stages = RulesCopy.dir().resolve("stages.drl");
        RulesCopy.replace(
                stages, "density >= bareMetalDensityUsd()", "density > bareMetalDensityUsd()");
        RulesCopy.replace(
                stages, "density < bareMetalDensityUsd()", "density <= bareMetalDensityUsd()");

        admin().post("/rules/reload")
                .then()
                .statusCode(422)
                .body(
                        "errors",
                        hasItem(
                                Map.of(
                                        "file",
                                        "scenarios/boundary-density-exactly-5m.json",
                                        "line",
                                        0,
                                        "column",
                                        0,
                                        "message",
                                        "expected stage BARE_METAL but got COLOCATION")));
    }

    @Test
    void a_broken_scenario_is_refused_with_its_line() {
        Path scenario = RulesCopy.dir().resolve("scenarios/glxy.json");
        RulesCopy.replace(scenario, "\"expect\": {", "\"expect\": {,");

        admin().post("/rules/reload")
                .then()
                .statusCode(422)
                .body("errors[0].file", equalTo("scenarios/glxy.json"))
                .body("errors[0].line", not(equalTo(0)))
                .body("errors[0].message", startsWith("malformed JSON"));
        given().get("/rules")
                .then()
                .body("lastError.errors[0].file", equalTo("scenarios/glxy.json"));
    }

    @Test
    void a_scenario_that_expects_something_else_is_refused_even_when_no_rule_changed() {
        RulesCopy.expectTier(RulesCopy.dir(), "btdr.json", "TIER_1");

        admin().post("/rules/reload")
                .then()
                .statusCode(422)
                .body(
                        "errors",
                        hasItem(
                                Map.of(
                                        "file",
                                        "scenarios/btdr.json",
                                        "line",
                                        0,
                                        "column",
                                        0,
                                        "message",
                                        "expected tier TIER_1 but got TIER_3")));
    }

    @Test
    void a_rule_that_fires_forever_is_refused_naming_it_without_hanging() {
        String before = liveVersion();
        RulesCopy.write(RulesCopy.dir().resolve("runaway.drl"), RulesFixture.RUNAWAY_DRL);

        JsonPath problem =
                assertTimeoutPreemptively(
                        Duration.ofSeconds(60),
                        () ->
                                admin().post("/rules/reload")
                                        .then()
                                        .statusCode(422)
                                        .extract()
                                        .jsonPath());

        assertThat(problem.getList("errors", Map.class))
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.get("file")).isEqualTo("runaway.drl");
                            assertThat(e.get("line")).isEqualTo(6);
                            assertThat((String) e.get("message"))
                                    .contains("'Runaway: re-mark every deal'")
                                    .containsPattern("kept firing on scenario scenarios/");
                        });
        given().get("/rules").then().body("version", equalTo(before));
    }

    @Test
    void a_dry_run_reports_the_moves_and_changes_nothing() {
        String iren = store("IREN", "IREN-DRY");
        String before = liveVersion();
        RulesCopy.raiseMassiveBacklogTo20B(RulesCopy.dir(), false);

        JsonPath report =
                admin().queryParam("dryRun", "true")
                        .post("/rules/reload")
                        .then()
                        .statusCode(200)
                        .body("dryRun", equalTo(true))
                        .body("activated", equalTo(false))
                        .body("version", not(equalTo(before)))
                        .extract()
                        .jsonPath();

        assertThat(report.getList("changes", Map.class))
                .contains(Map.of("ticker", iren, "from", "TIER_1", "to", "TIER_2"));
        given().get("/rules").then().body("version", equalTo(before));
        given().get("/operators/" + iren)
                .then()
                .body("classification.tier", equalTo("TIER_1"))
                .body("classification.ruleSet.version", equalTo(before));
        given().get("/operators/" + iren + "/history").then().body("cause", not(hasItem("RULES")));
    }

    @Test
    void a_dry_run_flag_must_be_true_or_false() {
        admin().queryParam("dryRun", "maybe")
                .post("/rules/reload")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void reloading_needs_credentials() {
        given().post("/rules/reload")
                .then()
                .statusCode(401)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void reloading_needs_the_admin_role() {
        given().auth()
                .preemptive()
                .basic("analyst", "analyst-secret")
                .post("/rules/reload")
                .then()
                .statusCode(403)
                .contentType(startsWith("application/problem+json"));
    }

    private String store(String example, String ticker) {
        try {
            String profile =
                    Files.readString(Path.of("examples", example + ".json"))
                            .replace(
                                    "\"ticker\": \"" + example + "\"",
                                    "\"ticker\": \"" + ticker + "\"");
            analyst().body(profile).put("/operators/" + ticker).then().statusCode(201);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        stored.add(ticker);
        return ticker;
    }

    private static String liveVersion() {
        return given().get("/rules").then().statusCode(200).extract().path("version");
    }

    private static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    private static RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", "admin-secret");
    }

    private static RequestSpecification analyst() {
        return given().auth()
                .preemptive()
                .basic("analyst", "analyst-secret")
                .contentType("application/json");
    }
}
