package dev.tiering.lifecycle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.tiering.store.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rule-set archive over HTTP, on a private, unwatched copy of the rule folder and the research
 * note's operators: every activation is archived with its text; a past version replays (classify,
 * timeline), diffs and rolls back; a reload's dry run backtests every timeline; history records
 * changes only.
 */
@QuarkusTest
@TestProfile(RulesCopy.SeededStore.class)
class RuleArchiveTest {

    /** The moves counted below are the note's operators': only they are in the store. */
    @BeforeEach
    void onlyTheNotesOperators() {
        Api.deleteAllBut(Api.noteTickers());
    }

    @AfterEach
    void restoreTheRules() {
        RulesCopy.restore(RulesCopy.dir());
        admin().post("/rules/reload").then().statusCode(200);
    }

    @Test
    void start_edit_and_rollback_are_three_archived_activations_and_two_tier_changes_of_iren() {
        String shipped = RulesCopy.shippedVersion();
        List<Object> historyBefore = given().get("/operators/IREN/history").jsonPath().getList("$");

        RulesCopy.raiseMassiveBacklogTo20B(RulesCopy.dir(), false);
        String raised =
                admin().post("/rules/reload")
                        .then()
                        .statusCode(200)
                        .body("activated", equalTo(true))
                        .extract()
                        .path("version");
        admin().post("/rules/versions/" + shipped + "/activate")
                .then()
                .statusCode(200)
                .body("version", equalTo(shipped))
                .body("previousVersion", equalTo(raised))
                .body("activated", equalTo(true))
                .body("changes.ticker", hasItem("IREN"));

        JsonPath versions =
                given().get("/rules/versions").then().statusCode(200).extract().jsonPath();
        assertThat(versions.getString("[0].version")).isEqualTo(shipped);
        assertThat(versions.getString("[0].activatedBy")).isEqualTo("admin");
        assertThat(versions.getString("[0].previousVersion")).isEqualTo(raised);
        assertThat(versions.getInt("[0].changes")).isEqualTo(5);
        assertThat(versions.getString("[1].version")).isEqualTo(raised);
        assertThat(versions.getString("[1].activatedBy")).isEqualTo("admin");
        assertThat(versions.getInt("[1].changes")).isEqualTo(5);
        assertThat(versions.getList("[1].files", String.class)).contains("tiers.drl", "stages.drl");
        // The first activation of all was the service's start.
        List<Map<String, Object>> all = versions.getList("$");
        assertThat(all.get(all.size() - 1))
                .containsEntry("activatedBy", "startup")
                .containsEntry("version", shipped);

        // Each version's text is kept, scenarios too.
        given().get("/rules/versions/" + raised)
                .then()
                .statusCode(200)
                .body(
                        "files.find { it.name == 'tiers.drl' }.text",
                        org.hamcrest.Matchers.containsString("return 20000000000.0;"))
                .body(
                        "files.find { it.name == 'tiers.drl' }.rules",
                        hasItem("Tier one: massive binding orders from established customers"))
                .body("scenarios.name", hasItem("scenarios/iren.json"));
        given().get("/rules/versions/" + shipped)
                .then()
                .statusCode(200)
                .body(
                        "files.find { it.name == 'tiers.drl' }.text",
                        org.hamcrest.Matchers.containsString("return 1000000000.0;"));

        // IREN's history: exactly the two tier changes, each naming a version the archive resolves.
        List<Map<String, Object>> history =
                given().get("/operators/IREN/history").jsonPath().getList("$");
        List<Map<String, Object>> added = history.subList(0, history.size() - historyBefore.size());
        assertThat(added)
                .extracting(
                        h -> h.get("tier"),
                        h -> h.get("cause"),
                        h -> h.get("ruleSetVersion"),
                        h -> h.get("by"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("TIER_1", "RULES", shipped, "admin"),
                        org.assertj.core.groups.Tuple.tuple("TIER_2", "RULES", raised, "admin"));
        for (Map<String, Object> h : history) {
            given().get("/rules/versions/" + h.get("ruleSetVersion")).then().statusCode(200);
        }
        given().get("/rules")
                .then()
                .body("version", equalTo(shipped))
                .body("folderDiffers", equalTo(true));
    }

    @Test
    void an_old_version_classifies_as_it_did_when_it_was_active() {
        String shipped = RulesCopy.shippedVersion();
        JsonPath then =
                given().contentType("application/json")
                        .body(Api.example("IREN", "IREN"))
                        .post("/classify")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();

        RulesCopy.raiseMassiveBacklogTo20B(RulesCopy.dir(), false);
        admin().post("/rules/reload").then().statusCode(200).body("activated", equalTo(true));

        given().contentType("application/json")
                .body(Api.example("IREN", "IREN"))
                .post("/classify")
                .then()
                .body("tier", equalTo("TIER_2"));
        JsonPath replay =
                given().contentType("application/json")
                        .body(Api.example("IREN", "IREN"))
                        .queryParam("rules", shipped)
                        .post("/classify")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(replay.getString("ruleSet.version")).isEqualTo(shipped);
        for (String field :
                List.of("tier", "stage", "stages", "fullStack", "risks", "reasons", "metrics")) {
            assertThat((Object) replay.get(field)).as(field).isEqualTo(then.get(field));
        }
        // With asOf: the rules of then on the facts of an earlier date.
        given().contentType("application/json")
                .body(Api.example("IREN", "IREN"))
                .queryParam("rules", shipped)
                .queryParam("asOf", "2025-06-01")
                .post("/classify")
                .then()
                .statusCode(200)
                .body("tier", not(equalTo("TIER_1")))
                .body("ruleSet.version", equalTo(shipped));
        given().queryParam("rules", shipped)
                .get("/operators/IREN/timeline")
                .then()
                .statusCode(200)
                .body("ruleSetVersion", org.hamcrest.Matchers.everyItem(equalTo(shipped)))
                .body("find { it.date == '2025-11-03' }.tier", equalTo("TIER_1"));
        given().get("/operators/IREN/timeline")
                .then()
                .statusCode(200)
                .body("find { it.date == '2025-11-03' }.tier", equalTo("TIER_2"));
        given().get("/rules").then().body("folderDiffers", equalTo(false));
    }

    @Test
    void a_diff_shows_the_edited_line_and_who_the_two_versions_classify_differently() {
        String shipped = RulesCopy.shippedVersion();
        RulesCopy.raiseMassiveBacklogTo20B(RulesCopy.dir(), false);
        String raised =
                admin().post("/rules/reload").then().statusCode(200).extract().path("version");

        JsonPath diff =
                given().queryParam("against", shipped)
                        .get("/rules/versions/" + raised + "/diff")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        String tiers = diff.getString("files.find { it.name == 'tiers.drl' }.diff");
        assertThat(tiers)
                .startsWith("--- a/tiers.drl\n+++ b/tiers.drl\n@@ ")
                .contains(
                        "\n"
                                + "-function double massiveEstablishedBacklogUsd() { return"
                                + " 1000000000.0; }\n")
                .contains(
                        "\n"
                                + "+function double massiveEstablishedBacklogUsd() { return"
                                + " 20000000000.0; }\n");
        assertThat(diff.getList("files.name", String.class))
                .contains("scenarios/iren.json")
                .doesNotContain("stages.drl");
        assertThat(diff.getList("changes", Map.class))
                .contains(Map.of("ticker", "IREN", "from", "TIER_1", "to", "TIER_2"));
        given().get("/rules/versions/" + raised + "/diff")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("against"));
    }

    @Test
    void a_dry_run_backtests_every_date_of_every_timeline() {
        RulesCopy.raiseMassiveBacklogTo20B(RulesCopy.dir(), false);
        JsonPath dry =
                admin().queryParam("dryRun", "true")
                        .post("/rules/reload")
                        .then()
                        .statusCode(200)
                        .body("dryRun", equalTo(true))
                        .extract()
                        .jsonPath();
        List<Map<String, Object>> moves = dry.getList("timelineChanges");
        // IREN was Tier 1 from Microsoft's deal of 2025-11-03 on; with a USD 20 B bar it never is.
        assertThat(moves)
                .contains(
                        Map.of(
                                "ticker",
                                "IREN",
                                "date",
                                "2025-11-03",
                                "from",
                                "TIER_1",
                                "to",
                                "TIER_2"));
        assertThat(moves).allSatisfy(m -> assertThat(m.get("from")).isNotEqualTo(m.get("to")));
        assertThat(moves).extracting(m -> m.get("ticker")).doesNotContain("GLXY");
        // Nothing was activated or written.
        given().get("/rules")
                .then()
                .body("version", equalTo(RulesCopy.shippedVersion()))
                .body("folderDiffers", equalTo(true));
    }

    @Test
    void a_backtest_uses_what_the_last_preview_worked_out_only_for_operators_unchanged_since() {
        // BACK is IREN under another ticker: under a USD 20 B bar it is Tier 2 from Microsoft's
        // deal on
        analyst().body(Api.example("IREN", "BACK")).put("/operators/BACK").then().statusCode(201);
        try {
            RulesCopy.raiseMassiveBacklogTo20B(RulesCopy.dir(), false);
            admin().post("/rules/reload").then().statusCode(200).body("activated", equalTo(true));
            // ... until its Microsoft deal is USD 25 B: then it is Tier 1 from that date under
            // either bar
            analyst()
                    .body(Api.example("IREN", "BACK").replace("9700000000", "25000000000"))
                    .put("/operators/BACK")
                    .then()
                    .statusCode(200);

            RulesCopy.restore(RulesCopy.dir());
            List<Map<String, Object>> moves =
                    admin().queryParam("dryRun", "true")
                            .post("/rules/reload")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getList("timelineChanges");
            // IREN, unchanged, from the tiers kept when USD 20 B was previewed; BACK worked out
            // afresh
            assertThat(moves)
                    .contains(
                            Map.of(
                                    "ticker",
                                    "IREN",
                                    "date",
                                    "2025-11-03",
                                    "from",
                                    "TIER_2",
                                    "to",
                                    "TIER_1"));
            assertThat(moves).extracting(m -> m.get("ticker")).doesNotContain("BACK");
        } finally {
            analyst().delete("/operators/BACK").then().statusCode(204);
        }
    }

    @Test
    void a_change_that_moves_nobody_is_archived_but_writes_no_history() throws Exception {
        List<String> tickers = given().get("/operators").jsonPath().getList("ticker", String.class);
        Map<String, Integer> before = new java.util.HashMap<>();
        tickers.forEach(
                t ->
                        before.put(
                                t,
                                given().get("/operators/" + t + "/history")
                                        .jsonPath()
                                        .getList("$")
                                        .size()));

        Path risks = RulesCopy.dir().resolve("risks.drl");
        Files.writeString(
                risks,
                Files.readString(risks) + "\n// A comment changes the version, not the answers.\n");
        String version =
                admin().post("/rules/reload")
                        .then()
                        .statusCode(200)
                        .body("activated", equalTo(true))
                        .body("changes.size()", equalTo(0))
                        .extract()
                        .path("version");

        given().get("/rules/versions")
                .then()
                .body("[0].version", equalTo(version))
                .body("[0].changes", equalTo(0));
        for (String t : tickers) {
            assertThat(given().get("/operators/" + t + "/history").jsonPath().getList("$"))
                    .as(t)
                    .hasSize(before.get(t));
            given().get("/operators/" + t)
                    .then()
                    .body("classification.ruleSet.version", equalTo(version));
        }
    }

    @Test
    void only_an_admin_rolls_back_and_unknown_versions_are_404() {
        String shipped = RulesCopy.shippedVersion();
        given().auth()
                .preemptive()
                .basic("analyst", "analyst-secret")
                .post("/rules/versions/" + shipped + "/activate")
                .then()
                .statusCode(403);
        given().post("/rules/versions/" + shipped + "/activate").then().statusCode(401);
        admin().post("/rules/versions/0123456789ab/activate")
                .then()
                .statusCode(404)
                .contentType(org.hamcrest.Matchers.startsWith("application/problem+json"));
        given().get("/rules/versions/0123456789ab").then().statusCode(404);
        given().queryParam("against", shipped)
                .get("/rules/versions/0123456789ab/diff")
                .then()
                .statusCode(404);
        given().contentType("application/json")
                .body(Api.example("IREN", "IREN"))
                .queryParam("rules", "nope")
                .post("/classify")
                .then()
                .statusCode(404)
                .body("errors.field", hasItem("rules"));
        given().queryParam("rules", "nope").get("/operators/IREN/timeline").then().statusCode(404);
    }

    @Test
    void a_rollback_runs_the_archived_scenarios_and_the_next_folder_change_goes_live_as_usual() {
        String shipped = RulesCopy.shippedVersion();
        int scenarios = given().get("/rules").jsonPath().getInt("scenarios");
        RulesCopy.raiseMassiveBacklogTo20B(RulesCopy.dir(), false);
        String raised =
                admin().post("/rules/reload").then().statusCode(200).extract().path("version");

        admin().post("/rules/versions/" + shipped + "/activate")
                .then()
                .statusCode(200)
                .body("scenarios", equalTo(scenarios));
        // The folder still holds the raised rules: GET /rules says so until the folder's next
        // change goes live.
        given().get("/rules")
                .then()
                .body("version", equalTo(shipped))
                .body("folderVersion", equalTo(raised))
                .body("folderDiffers", equalTo(true));
        admin().post("/rules/reload")
                .then()
                .statusCode(200)
                .body("version", equalTo(raised))
                .body("activated", equalTo(true));
        given().get("/rules").then().body("folderDiffers", equalTo(false));
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
