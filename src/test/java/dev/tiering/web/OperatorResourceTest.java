package dev.tiering.web;

import static dev.tiering.store.Api.admin;
import static dev.tiering.store.Api.analyst;
import static dev.tiering.store.Api.anonymous;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.tiering.store.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The operator store over HTTP: profiles, deals, history, users. */
@QuarkusTest
class OperatorResourceTest {

    @Test
    void stores_a_profile_with_201_then_replaces_it_with_200() {
        String t = Api.ticker("P");
        analyst()
                .body(Api.profile(t))
                .put("/operators/" + t)
                .then()
                .statusCode(201)
                .body("tier", equalTo("TIER_3"));
        analyst()
                .body(Api.profile(t))
                .put("/operators/" + t)
                .then()
                .statusCode(200)
                .body("ticker", equalTo(t));
        anonymous()
                .get("/operators/" + t)
                .then()
                .statusCode(200)
                .body("profile.ticker", equalTo(t))
                .body("classification.tier", equalTo("TIER_3"));
    }

    @Test
    void lists_operators_and_filters_by_tier() {
        String iren = Api.ticker("IREN");
        String hash = Api.ticker("HASH");
        analyst().body(Api.example("IREN", iren)).put("/operators/" + iren).then().statusCode(201);
        analyst().body(Api.example("HASH", hash)).put("/operators/" + hash).then().statusCode(201);
        anonymous()
                .get("/operators")
                .then()
                .statusCode(200)
                .body("ticker", hasItem(iren))
                .body("ticker", hasItem(hash));
        anonymous()
                .get("/operators?tier=TIER_1")
                .then()
                .statusCode(200)
                .body("ticker", hasItem(iren))
                .body("ticker", not(hasItem(hash)))
                .body("find { it.ticker == '" + iren + "' }.stage", equalTo("NEOCLOUD"));
        anonymous()
                .get("/operators?tier=TIER_9")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("tier"));
    }

    @Test
    void a_query_parameter_it_cannot_read_is_a_400_problem_naming_it() {
        anonymous()
                .get("/operators?limit=lots")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Invalid request"))
                .body("status", equalTo(400))
                .body("detail", equalTo("limit: must be a whole number from 1 to 5000"))
                .body("errors.field", contains("limit"))
                .body("errors[0].message", equalTo("must be a whole number from 1 to 5000"));
        anonymous()
                .get("/operators?tier=tier_1&limit=10")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Invalid request"))
                .body("detail", startsWith("tier: unknown value 'tier_1'"))
                .body("errors.field", contains("tier"));
    }

    @Test
    void counts_follow_every_write_and_delete_and_agree_with_the_list() {
        JsonPath c0 = counts();
        String t = Api.ticker("CNT");
        analyst()
                .body(Api.profile(t))
                .put("/operators/" + t)
                .then()
                .statusCode(201)
                .body("tier", equalTo("TIER_3"));
        JsonPath c1 = counts();
        assertThat(c1.getLong("total")).isEqualTo(c0.getLong("total") + 1);
        assertThat(byTier(c1)).isEqualTo(plus(byTier(c0), "TIER_3", 1));
        assertThat(c1.getString("version")).isNotEqualTo(c0.getString("version"));
        assertThat(c1.getString("updatedAt")).isNotNull();
        assertThat(changedTiers(c0, c1)).containsExactly("TIER_3");

        // a rewrite within the tier: the same numbers, a new marker for that tier only
        analyst()
                .body(Api.profile(t).replace("\"gpus\":10", "\"gpus\":11"))
                .put("/operators/" + t)
                .then()
                .statusCode(200)
                .body("tier", equalTo("TIER_3"));
        JsonPath c2 = counts();
        assertThat(byTier(c2)).isEqualTo(byTier(c1));
        assertThat(c2.getString("version")).isNotEqualTo(c1.getString("version"));
        assertThat(Instant.parse(c2.getString("updatedAt")))
                .isAfter(Instant.parse(c1.getString("updatedAt")));
        assertThat(changedTiers(c1, c2)).containsExactly("TIER_3");

        // a deal moves it from Tier 3 to Tier 2: both columns change, the others keep their markers
        analyst()
                .body(Api.smallDeal("d1"))
                .post("/operators/" + t + "/deals")
                .then()
                .statusCode(201)
                .body("after.tier", equalTo("TIER_2"));
        JsonPath c3 = counts();
        assertThat(byTier(c3)).isEqualTo(plus(byTier(c0), "TIER_2", 1));
        assertThat(changedTiers(c2, c3)).containsExactlyInAnyOrder("TIER_2", "TIER_3");

        analyst().delete("/operators/" + t).then().statusCode(204);
        JsonPath c4 = counts();
        assertThat(c4.getLong("total")).isEqualTo(c0.getLong("total"));
        assertThat(byTier(c4)).isEqualTo(byTier(c0));
        assertThat(c4.getString("version")).isNotEqualTo(c3.getString("version"));
        assertThat(changedTiers(c3, c4)).containsExactly("TIER_2");

        // the numbers are those of the list, walked a page at a time
        for (Map.Entry<String, Long> tier : byTier(c4).entrySet()) {
            assertThat(walk("/operators?limit=5000&tier=" + tier.getKey()))
                    .as(tier.getKey())
                    .isEqualTo(tier.getValue());
        }
        assertThat(walk("/operators?limit=5000")).isEqualTo(c4.getLong("total"));
    }

    @Test
    void counts_are_open_like_the_list_and_take_no_ticker_path() {
        for (RequestSpecification caller :
                List.of(
                        anonymous(),
                        analyst(),
                        admin(),
                        Api.anonymous().auth().preemptive().basic("guest", "guest-secret"))) {
            caller.get("/operators").then().statusCode(200);
            caller.get("/operators/counts")
                    .then()
                    .statusCode(200)
                    .contentType("application/json")
                    .body("byTier", hasKey("UNTIERED"));
        }
        // a wrong password is refused alike on both
        int list =
                Api.anonymous()
                        .auth()
                        .preemptive()
                        .basic("analyst", "wrong")
                        .get("/operators")
                        .statusCode();
        Api.anonymous()
                .auth()
                .preemptive()
                .basic("analyst", "wrong")
                .get("/operators/counts")
                .then()
                .statusCode(list);
        // no ticker is lower case: "counts" names no operator, and COUNTS is still looked up as one
        anonymous()
                .get("/operators/COUNTS")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    /**
     * GET /operators/counts, checked for its shape: every tier, whose numbers add up to the total.
     */
    private static JsonPath counts() {
        JsonPath c =
                anonymous()
                        .get("/operators/counts")
                        .then()
                        .statusCode(200)
                        .contentType("application/json")
                        .extract()
                        .jsonPath();
        assertThat(byTier(c).keySet()).containsExactly("TIER_1", "TIER_2", "TIER_3", "UNTIERED");
        assertThat(c.getMap("versionByTier", String.class, String.class).keySet())
                .containsExactly("TIER_1", "TIER_2", "TIER_3", "UNTIERED");
        assertThat(byTier(c).values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(c.getLong("total"));
        return c;
    }

    private static Map<String, Long> byTier(JsonPath c) {
        Map<String, Long> out = new LinkedHashMap<>();
        c.getMap("byTier", String.class, Number.class).forEach((k, v) -> out.put(k, v.longValue()));
        return out;
    }

    private static Map<String, Long> plus(Map<String, Long> counts, String tier, long n) {
        Map<String, Long> out = new LinkedHashMap<>(counts);
        out.merge(tier, n, Long::sum);
        return out;
    }

    /** The tiers whose change marker differs between two answers. */
    private static List<String> changedTiers(JsonPath before, JsonPath after) {
        Map<String, String> a = before.getMap("versionByTier", String.class, String.class);
        Map<String, String> b = after.getMap("versionByTier", String.class, String.class);
        return a.keySet().stream().filter(k -> !a.get(k).equals(b.get(k))).toList();
    }

    /** How many operators the list holds from {@code first} on, following its Link headers. */
    private static long walk(String first) {
        long n = 0;
        String next = first;
        while (next != null) {
            Response page = anonymous().get(next);
            page.then().statusCode(200);
            n += page.jsonPath().getList("$").size();
            String link = page.header("Link");
            next = link == null ? null : link.substring(link.indexOf('<') + 1, link.indexOf('>'));
        }
        return n;
    }

    @Test
    void a_term_left_out_stays_out_and_a_false_one_stays_false() {
        String t = Api.ticker("T");
        String body = Api.example("GLXY", t).replace("\"tripleNet\": true, ", "");
        assertThat(body).doesNotContain("tripleNet");
        analyst().body(body).put("/operators/" + t).then().statusCode(201);
        String undisclosed =
                anonymous().get("/operators/" + t).then().statusCode(200).extract().asString();
        assertThat(undisclosed).doesNotContain("takeOrPay").doesNotContain("tripleNet");

        analyst()
                .body(body.replace("\"signed\"", "\"takeOrPay\": false, \"signed\""))
                .put("/operators/" + t)
                .then()
                .statusCode(200);
        anonymous()
                .get("/operators/" + t)
                .then()
                .statusCode(200)
                .body("profile.deals[0].takeOrPay", equalTo(false))
                .body("profile.deals[0]", not(hasKey("tripleNet")));
    }

    @Test
    void the_list_carries_what_a_card_shows_the_first_gap_and_the_conversion_upside() {
        String t = Api.ticker("G");
        analyst().body(Api.example("GLXY", t)).put("/operators/" + t).then().statusCode(201);
        anonymous()
                .get("/operators")
                .then()
                .statusCode(200)
                .body(
                        "find { it.ticker == '" + t + "' }.conversionUpsideUsdPerYear",
                        equalTo(6760000000L))
                .body("find { it.ticker == '" + t + "' }.establishedBacklogUsd", equalTo(0))
                .body("find { it.ticker == '" + t + "' }.gaps[0].toward", equalTo("TIER_1"));
    }

    @Test
    void deletes_an_operator_then_answers_404() {
        String t = Api.ticker("D");
        analyst().body(Api.profile(t)).put("/operators/" + t).then().statusCode(201);
        analyst().delete("/operators/" + t).then().statusCode(204);
        anonymous()
                .get("/operators/" + t)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        analyst().delete("/operators/" + t).then().statusCode(404);
        anonymous().get("/operators/" + t + "/history").then().statusCode(404);
    }

    @Test
    void a_body_ticker_that_differs_from_the_path_is_a_400() {
        String t = Api.ticker("M");
        analyst()
                .body(Api.profile("OTHER"))
                .put("/operators/" + t)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("ticker"));
        anonymous().get("/operators/" + t).then().statusCode(404);
    }

    @Test
    void a_binding_hyperscaler_deal_moves_btdr_to_tier_one_and_off_the_high_potential_list() {
        String t = Api.ticker("BTDR");
        analyst().body(Api.example("BTDR", t)).put("/operators/" + t).then().statusCode(201);
        anonymous().get("/screen").then().statusCode(200).body("highPotential", hasItem(t));

        analyst()
                .body(Api.hyperscalerDeal("msft-1"))
                .post("/operators/" + t + "/deals")
                .then()
                .statusCode(201)
                .body("before.tier", equalTo("TIER_3"))
                .body("after.tier", equalTo("TIER_1"))
                .body("tierChanged", equalTo(true));

        anonymous().get("/screen").then().statusCode(200).body("highPotential", not(hasItem(t)));
        anonymous()
                .get("/operators/" + t + "/history")
                .then()
                .statusCode(200)
                .body("cause", contains("DEAL", "PROFILE"))
                .body("tier", contains("TIER_1", "TIER_3"))
                .body("[0].ruleSetVersion", not(equalTo(null)));
    }

    @Test
    void another_deal_under_a_stored_id_is_a_409_and_an_unknown_operator_a_404() {
        String t = Api.ticker("C");
        analyst().body(Api.profile(t)).put("/operators/" + t).then().statusCode(201);
        analyst()
                .body(Api.smallDeal("d1"))
                .post("/operators/" + t + "/deals")
                .then()
                .statusCode(201)
                .body("tierChanged", equalTo(true))
                .body("after.tier", equalTo("TIER_2"));
        analyst()
                .body(Api.smallDeal("d1").replace("\"valueUsd\":1000000", "\"valueUsd\":2000000"))
                .post("/operators/" + t + "/deals")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        analyst()
                .body(Api.smallDeal("d2"))
                .post("/operators/NOPE-" + t + "/deals")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        anonymous().get("/operators/" + t).then().body("profile.deals", hasSize(1));
    }

    @Test
    void an_invalid_deal_is_a_400_naming_the_field_and_stores_nothing() {
        String t = Api.ticker("V");
        analyst().body(Api.profile(t)).put("/operators/" + t).then().statusCode(201);
        analyst()
                .body(Api.smallDeal("x").replace("\"valueUsd\":10000000", "\"valueUsd\":-1"))
                .post("/operators/" + t + "/deals")
                .then()
                .statusCode(400)
                .body("errors.field", contains("valueUsd"));
        anonymous().get("/operators/" + t).then().body("profile.deals", hasSize(0));
        anonymous().get("/operators/" + t + "/history").then().body("$", hasSize(1));
    }

    @Test
    void writes_need_credentials_and_the_analyst_role() {
        String t = Api.ticker("S");
        anonymous()
                .body(Api.profile(t))
                .put("/operators/" + t)
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        Api.anonymous()
                .auth()
                .preemptive()
                .basic("analyst", "wrong")
                .body(Api.profile(t))
                .put("/operators/" + t)
                .then()
                .statusCode(401);
        admin().body(Api.profile(t)).put("/operators/" + t).then().statusCode(201);
        anonymous()
                .body(Api.smallDeal("a"))
                .post("/operators/" + t + "/deals")
                .then()
                .statusCode(401);
        anonymous().delete("/operators/" + t).then().statusCode(401);
        anonymous().get("/operators/" + t).then().statusCode(200);
    }

    @Test
    void sixty_four_deals_posted_at_once_to_one_operator_are_all_stored() throws Exception {
        String t = Api.ticker("CONC");
        analyst().body(Api.profile(t)).put("/operators/" + t).then().statusCode(201);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String id = "deal-" + i;
                results.add(
                        pool.submit(
                                () ->
                                        analyst()
                                                .body(Api.smallDeal(id))
                                                .post("/operators/" + t + "/deals")
                                                .statusCode()));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
        Response stored = anonymous().get("/operators/" + t);
        assertThat(stored.jsonPath().getList("profile.deals")).hasSize(64);
        // History records changes only: the profile (Tier 3), then the first binding deal (Tier 2,
        // colocation, concentration); 63 more deals with the same counterparty change nothing.
        anonymous()
                .get("/operators/" + t + "/history")
                .then()
                .body("$", hasSize(2))
                .body("[0].tier", equalTo("TIER_2"))
                .body("[0].cause", equalTo("DEAL"))
                .body("[0].by", equalTo("analyst"))
                .body("[1].tier", equalTo("TIER_3"))
                .body("[1].cause", equalTo("PROFILE"));
    }
}
