package dev.tiering.web;
import dev.tiering.store.Api;

import static dev.tiering.store.Api.admin;
import static dev.tiering.store.Api.analyst;
import static dev.tiering.store.Api.anonymous;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
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
        analyst().body(Api.profile(t)).put("/operators/" + t).then().statusCode(201).body("tier", equalTo("TIER_3"));
        analyst().body(Api.profile(t)).put("/operators/" + t).then().statusCode(200).body("ticker", equalTo(t));
        anonymous().get("/operators/" + t).then().statusCode(200)
                .body("profile.ticker", equalTo(t))
                .body("classification.tier", equalTo("TIER_3"));
    }

    @Test
    void lists_operators_and_filters_by_tier() {
        String iren = Api.ticker("IREN");
        String hash = Api.ticker("HASH");
        analyst().body(Api.example("IREN", iren)).put("/operators/" + iren).then().statusCode(201);
        analyst().body(Api.example("HASH", hash)).put("/operators/" + hash).then().statusCode(201);
        anonymous().get("/operators").then().statusCode(200).body("ticker", hasItem(iren)).body("ticker", hasItem(hash));
        anonymous().get("/operators?tier=TIER_1").then().statusCode(200)
                .body("ticker", hasItem(iren)).body("ticker", not(hasItem(hash)))
                .body("find { it.ticker == '" + iren + "' }.stage", equalTo("NEOCLOUD"));
        anonymous().get("/operators?tier=TIER_9").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("tier"));
    }

    @Test
    void deletes_an_operator_then_answers_404() {
        String t = Api.ticker("D");
        analyst().body(Api.profile(t)).put("/operators/" + t).then().statusCode(201);
        analyst().delete("/operators/" + t).then().statusCode(204);
        anonymous().get("/operators/" + t).then().statusCode(404).contentType("application/problem+json");
        analyst().delete("/operators/" + t).then().statusCode(404);
        anonymous().get("/operators/" + t + "/history").then().statusCode(404);
    }

    @Test
    void a_body_ticker_that_differs_from_the_path_is_a_400() {
        String t = Api.ticker("M");
        analyst().body(Api.profile("OTHER")).put("/operators/" + t).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("ticker"));
        anonymous().get("/operators/" + t).then().statusCode(404);
    }

    @Test
    void a_binding_hyperscaler_deal_moves_btdr_to_tier_one_and_off_the_high_potential_list() {
        String t = Api.ticker("BTDR");
        analyst().body(Api.example("BTDR", t)).put("/operators/" + t).then().statusCode(201);
        anonymous().get("/screen").then().statusCode(200).body("highPotential", hasItem(t));

        analyst().body(Api.hyperscalerDeal("msft-1")).post("/operators/" + t + "/deals").then().statusCode(201)
                .body("before.tier", equalTo("TIER_3"))
                .body("after.tier", equalTo("TIER_1"))
                .body("tierChanged", equalTo(true));

        anonymous().get("/screen").then().statusCode(200).body("highPotential", not(hasItem(t)));
        anonymous().get("/operators/" + t + "/history").then().statusCode(200)
                .body("cause", contains("DEAL", "PROFILE"))
                .body("tier", contains("TIER_1", "TIER_3"))
                .body("[0].ruleSetVersion", not(equalTo(null)));
    }

    @Test
    void a_duplicate_deal_id_is_a_409_and_an_unknown_operator_a_404() {
        String t = Api.ticker("C");
        analyst().body(Api.profile(t)).put("/operators/" + t).then().statusCode(201);
        analyst().body(Api.smallDeal("d1")).post("/operators/" + t + "/deals").then().statusCode(201)
                .body("tierChanged", equalTo(true)).body("after.tier", equalTo("TIER_2"));
        analyst().body(Api.smallDeal("d1")).post("/operators/" + t + "/deals").then().statusCode(409)
                .contentType("application/problem+json");
        analyst().body(Api.smallDeal("d2")).post("/operators/NOPE-" + t + "/deals").then().statusCode(404)
                .contentType("application/problem+json");
        anonymous().get("/operators/" + t).then().body("profile.deals", hasSize(1));
    }

    @Test
    void an_invalid_deal_is_a_400_naming_the_field_and_stores_nothing() {
        String t = Api.ticker("V");
        analyst().body(Api.profile(t)).put("/operators/" + t).then().statusCode(201);
        analyst().body(Api.smallDeal("x").replace("\"valueUsd\":1000000", "\"valueUsd\":-1"))
                .post("/operators/" + t + "/deals").then().statusCode(400).body("errors.field", contains("valueUsd"));
        anonymous().get("/operators/" + t).then().body("profile.deals", hasSize(0));
        anonymous().get("/operators/" + t + "/history").then().body("$", hasSize(1));
    }

    @Test
    void writes_need_credentials_and_the_analyst_role() {
        String t = Api.ticker("S");
        anonymous().body(Api.profile(t)).put("/operators/" + t).then().statusCode(401)
                .contentType("application/problem+json");
        Api.anonymous().auth().preemptive().basic("analyst", "wrong").body(Api.profile(t)).put("/operators/" + t)
                .then().statusCode(401);
        admin().body(Api.profile(t)).put("/operators/" + t).then().statusCode(201);
        anonymous().body(Api.smallDeal("a")).post("/operators/" + t + "/deals").then().statusCode(401);
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
                results.add(pool.submit(() -> analyst().body(Api.smallDeal(id)).post("/operators/" + t + "/deals")
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
        // History records changes only: the profile (Tier 3), then the first binding deal (Tier 2, colocation,
        // concentration); 63 more deals with the same counterparty change nothing.
        anonymous().get("/operators/" + t + "/history").then().body("$", hasSize(2))
                .body("[0].tier", equalTo("TIER_2")).body("[0].cause", equalTo("DEAL"))
                .body("[0].by", equalTo("analyst")).body("[1].tier", equalTo("TIER_3"))
                .body("[1].cause", equalTo("PROFILE"));
    }
}
