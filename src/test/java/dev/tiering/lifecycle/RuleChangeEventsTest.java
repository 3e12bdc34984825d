package dev.tiering.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiering.store.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A rule change is a cause like any: every operator it moves is an event of cause RULES that names
 * the rule set, written by the pass that reclassified it.
 */
@QuarkusTest
@TestProfile(RulesCopy.SeededStore.class)
class RuleChangeEventsTest {

    @AfterEach
    void restoreTheRules() {
        RulesCopy.restore(RulesCopy.dir());
        Api.admin().post("/rules/reload").then().statusCode(200);
    }

    @Test
    void each_operator_a_reload_moves_is_an_event_naming_the_rule_set() throws Exception {
        // Only this reload's events: the class before in the same service reloads too, and a second
        // back took in its restore's events (before TIER_2), seen in a clean-clone run.
        Instant since = Instant.now();
        RulesCopy.raiseMassiveBacklogTo20B(RulesCopy.dir(), false);
        Response reload = Api.admin().post("/rules/reload");
        reload.then().statusCode(200);
        String version = reload.jsonPath().getString("version");
        List<Map<String, Object>> moves = reload.jsonPath().getList("changes");
        assertThat(moves).isNotEmpty();

        List<Map<String, Object>> events = new ArrayList<>();
        long until = System.nanoTime() + 10_000_000_000L;
        while (events.size() < moves.size() && System.nanoTime() < until) {
            Thread.sleep(50);
            events =
                    RestAssured.given()
                            .get("/changes?limit=1000&since=" + since)
                            .jsonPath()
                            .getList(
                                    "findAll { it.cause == 'RULES' && it.ruleSetVersion == '"
                                            + version
                                            + "' }");
        }
        for (Map<String, Object> move : moves) {
            Map<String, Object> event =
                    events.stream()
                            .filter(e -> e.get("ticker").equals(move.get("ticker")))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError("no event for " + move));
            assertThat(((Map<?, ?>) event.get("before")).get("tier")).isEqualTo(move.get("from"));
            assertThat(((Map<?, ?>) event.get("after")).get("tier")).isEqualTo(move.get("to"));
            assertThat(event.get("ruleSetVersion")).isEqualTo(version);
            assertThat(event.get("by")).isEqualTo("admin");
            assertThat(event.get("reason"))
                    .isEqualTo("rule set " + version + " went live (by admin)");
        }
    }
}
