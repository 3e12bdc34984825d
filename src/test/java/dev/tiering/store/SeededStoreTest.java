package dev.tiering.store;

import static dev.tiering.store.Api.anonymous;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import dev.tiering.lifecycle.RulesCopy;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A first start on an empty store loads the research note's 13 operators, which reproduce its
 * table. The service is shared with other test classes of its profile, which may have moved the
 * operators and back (history) and stored others (deleted first).
 */
@QuarkusTest
@TestProfile(RulesCopy.SeededStore.class)
class SeededStoreTest {

    @BeforeEach
    void onlyTheNotesOperators() {
        Api.deleteAllBut(Api.noteTickers());
    }

    @Test
    void the_seeded_store_reproduces_the_research_notes_table() {
        anonymous().get("/operators").then().statusCode(200).body("$", hasSize(13));
        anonymous()
                .get("/operators?tier=TIER_1")
                .then()
                .body("ticker", containsInAnyOrder("IREN", "HUT", "APLD", "CIFR", "WULF"));
        anonymous()
                .get("/operators?tier=TIER_2")
                .then()
                .body("ticker", containsInAnyOrder("GLXY", "CORZ", "RIOT"));
        anonymous()
                .get("/operators?tier=TIER_3")
                .then()
                .body("ticker", containsInAnyOrder("BTDR", "MARA", "CLSK", "BITF", "HIVE"));
        anonymous().get("/operators?tier=UNTIERED").then().body("$", hasSize(0));
    }

    @Test
    void the_screen_names_iren_hut_and_btdr() {
        anonymous()
                .get("/screen")
                .then()
                .statusCode(200)
                .body("fullStackLeader", equalTo("IREN"))
                .body("contractQualityLeader", equalTo("HUT"))
                .body("highPotential[0]", equalTo("BTDR"))
                .body("reasons.file", hasItem("screen.drl"));
    }

    @Test
    void seeded_operators_have_a_profile_history_row() {
        // Newest first. Reloads by other test classes may have added rows since; the seed wrote
        // one,
        // the first of all.
        List<Map<String, Object>> history =
                anonymous()
                        .get("/operators/IREN/history")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("$");
        assertThat(history).filteredOn(h -> "seed".equals(h.get("by"))).hasSize(1);
        assertThat(history.get(history.size() - 1))
                .containsEntry("cause", "PROFILE")
                .containsEntry("by", "seed");
        anonymous().get("/operators/IREN").then().body("classification.fullStack", equalTo(true));
    }
}
