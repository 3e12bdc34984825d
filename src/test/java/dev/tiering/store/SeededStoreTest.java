package dev.tiering.store;

import static dev.tiering.store.Api.anonymous;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A first start on an empty store loads the research note's 13 operators, which reproduce its
 * table.
 */
@QuarkusTest
@TestProfile(SeededStoreTest.Seeded.class)
class SeededStoreTest {

    public static class Seeded implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tiering.seed", "true");
        }
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
        anonymous()
                .get("/operators/IREN/history")
                .then()
                .statusCode(200)
                .body("cause", contains("PROFILE"));
        anonymous().get("/operators/IREN").then().body("classification.fullStack", equalTo(true));
    }
}
