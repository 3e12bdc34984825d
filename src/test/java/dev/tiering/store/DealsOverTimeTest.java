package dev.tiering.store;

import static dev.tiering.store.Api.analyst;
import static dev.tiering.store.Api.anonymous;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Deals as a history: amend, end, remove, as-of classification and the timeline. */
@QuarkusTest
class DealsOverTimeTest {

    /**
     * d1 colocation 2025-01-10 to 2025-12-31; d2 hyperscaler bare metal from 2025-06-01; d3
     * undated, no stage.
     */
    static String profile(String ticker) {
        return "{\"ticker\":\""
                + ticker
                + "\",\"sites\":[{\"name\":\"A\",\"country\":\"US\",\"mw\":100,"
                + "\"aiDedicated\":true,\"status\":\"ENERGIZED\"}],\"deals\":["
                + "{\"id\":\"d1\",\"counterparty\":\"CoreWeave\",\"counterpartyType\":\"NEOCLOUD\",\"service\":\"COLOCATION\","
                + "\"status\":\"BINDING\",\"valueUsd\":500000000,\"termYears\":10,\"mw\":50,"
                + "\"signed\":\"2025-01-10\",\"ended\":\"2025-12-31\"},"
                + "{\"id\":\"d2\",\"counterparty\":\"Microsoft\",\"counterpartyType\":\"HYPERSCALER\",\"service\":\"BARE_METAL\","
                + "\"status\":\"BINDING\",\"valueUsd\":1500000000,\"termYears\":5,\"mw\":30,\"signed\":\"2025-06-01\"},"
                + "{\"id\":\"d3\",\"counterparty\":\"AMD\",\"counterpartyType\":\"CHIPMAKER\",\"status\":\"BINDING\","
                + "\"valueUsd\":10000000}]}";
    }

    @Test
    void the_timeline_lists_tier_and_stage_on_every_signing_and_ending_oldest_first() {
        String t = Api.ticker("TL");
        analyst().body(profile(t)).put("/operators/" + t).then().statusCode(201);
        anonymous()
                .get("/operators/" + t + "/timeline")
                .then()
                .statusCode(200)
                .body("date", contains("2025-01-10", "2025-06-01", "2025-12-31"))
                .body("event", contains("signed d1", "signed d2", "ended d1"))
                .body("tier", contains("TIER_2", "TIER_1", "TIER_1"))
                .body("stage", contains("COLOCATION", "BARE_METAL", "BARE_METAL"))
                .body("[2].stages", contains("BARE_METAL"));
    }

    @Test
    void a_site_and_a_gpu_cloud_count_from_their_dates_in_the_timeline_and_as_of_a_date() {
        String t = Api.ticker("TLS");
        String body =
                "{\"ticker\":\""
                        + t
                        + "\",\"sites\":[{\"name\":\"B\",\"country\":\"US\",\"mw\":200,"
                        + "\"aiDedicated\":true,\"since\":\"2025-03-01\"}],"
                        + "\"gpuCloud\":{\"inHouse\":true,\"gpus\":100,\"containerOrchestration\":true,"
                        + "\"scheduling\":true,\"enterpriseSupport\":true,\"since\":\"2025-05-01\","
                        + "\"capabilitiesSince\":\"2025-09-01\"}}";
        analyst().body(body).put("/operators/" + t).then().statusCode(201);
        anonymous()
                .get("/operators/" + t + "/timeline")
                .then()
                .statusCode(200)
                .body("date", contains("2025-03-01", "2025-05-01", "2025-09-01"))
                .body("tier", contains("TIER_3", "TIER_3", "TIER_3"))
                .body("stage", contains(nullValue(), nullValue(), equalTo("NEOCLOUD")));
        // before the site and the cloud: nothing of either counts
        anonymous()
                .body(body)
                .post("/classify?asOf=2025-02-28")
                .then()
                .statusCode(200)
                .body("tier", equalTo("UNTIERED"))
                .body("metrics.northAmericaAiMw", equalTo(0.0f))
                .body("risks", empty());
        // the cloud without its capabilities yet: hardware risk, no neocloud
        anonymous()
                .body(body)
                .post("/classify?asOf=2025-08-31")
                .then()
                .statusCode(200)
                .body("tier", equalTo("TIER_3"))
                .body("stage", nullValue())
                .body("risks.code", contains("HARDWARE_OBSOLESCENCE"));
        analyst().delete("/operators/" + t);
    }

    @Test
    void classify_as_of_a_date_counts_only_the_deals_of_that_date() {
        String body = profile("ASOF");
        // before any dated deal: only the undated d3 counts (binding, no stage evidence)
        anonymous()
                .body(body)
                .post("/classify?asOf=2024-12-31")
                .then()
                .statusCode(200)
                .body("tier", equalTo("TIER_2"))
                .body("stage", nullValue())
                .body("asOf", equalTo("2024-12-31"));
        anonymous()
                .body(body)
                .post("/classify?asOf=2025-03-01")
                .then()
                .statusCode(200)
                .body("tier", equalTo("TIER_2"))
                .body("stages", contains("COLOCATION"));
        anonymous()
                .body(body)
                .post("/classify?asOf=2025-12-30")
                .then()
                .statusCode(200)
                .body("tier", equalTo("TIER_1"))
                .body("stages", contains("COLOCATION", "BARE_METAL"));
        // the day d1 ends it no longer counts
        anonymous()
                .body(body)
                .post("/classify?asOf=2025-12-31")
                .then()
                .statusCode(200)
                .body("stages", contains("BARE_METAL"));
        anonymous()
                .body(body)
                .post("/classify?asOf=not-a-date")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("asOf"));
    }

    @Test
    void the_current_classification_ignores_deals_that_have_ended() {
        String t = Api.ticker("END");
        analyst()
                .body(profile(t))
                .put("/operators/" + t)
                .then()
                .statusCode(201)
                .body("tier", equalTo("TIER_1"))
                .body("stages", contains("BARE_METAL"));
    }

    @Test
    void amending_an_loi_to_binding_moves_the_operator_to_tier_one() {
        String t = Api.ticker("LOI");
        String loi =
                "{\"id\":\"loi\",\"counterparty\":\"Google\",\"counterpartyType\":\"HYPERSCALER\",\"service\":\"COLOCATION\","
                    + "\"status\":\"NON_BINDING\",\"valueUsd\":3000000000,\"termYears\":10,\"mw\":150,\"signed\":\"2025-04-01\"}";
        analyst()
                .body(
                        "{\"ticker\":\""
                                + t
                                + "\",\"sites\":[{\"country\":\"US\",\"mw\":150,\"aiDedicated\":true}],"
                                + "\"deals\":["
                                + loi
                                + "]}")
                .put("/operators/" + t)
                .then()
                .statusCode(201)
                .body("tier", equalTo("TIER_3"));
        String binding = loi.replace("NON_BINDING", "BINDING").replace("2025-04-01", "2025-09-01");
        analyst()
                .body(binding)
                .put("/operators/" + t + "/deals/loi")
                .then()
                .statusCode(200)
                .body("before.tier", equalTo("TIER_3"))
                .body("after.tier", equalTo("TIER_1"))
                .body("tierChanged", equalTo(true));
        anonymous()
                .get("/operators/" + t + "/history")
                .then()
                .body("cause", contains("DEAL", "PROFILE"))
                .body("[0].detail", equalTo("deal loi amended"));
        anonymous()
                .get("/operators/" + t + "/timeline")
                .then()
                .body("date", contains("2025-09-01"))
                .body("tier", contains("TIER_1"));
    }

    @Test
    void ending_the_deals_that_carried_tier_one_moves_the_operator_down() {
        String t = Api.ticker("DOWN");
        analyst()
                .body(profile(t))
                .put("/operators/" + t)
                .then()
                .statusCode(201)
                .body("tier", equalTo("TIER_1"));
        String ended =
                "{\"id\":\"d2\",\"counterparty\":\"Microsoft\",\"counterpartyType\":\"HYPERSCALER\","
                    + "\"service\":\"BARE_METAL\",\"status\":\"BINDING\",\"valueUsd\":1500000000,\"termYears\":5,\"mw\":30,"
                    + "\"signed\":\"2025-06-01\",\"ended\":\"2026-01-01\"}";
        analyst()
                .body(ended)
                .put("/operators/" + t + "/deals/d2")
                .then()
                .statusCode(200)
                .body("before.tier", equalTo("TIER_1"))
                .body("after.tier", equalTo("TIER_2"))
                .body("tierChanged", equalTo(true));
    }

    @Test
    void removing_a_deal_entered_by_mistake_reclassifies() {
        String t = Api.ticker("RM");
        analyst().body(profile(t)).put("/operators/" + t).then().statusCode(201);
        analyst()
                .delete("/operators/" + t + "/deals/d2")
                .then()
                .statusCode(200)
                .body("before.tier", equalTo("TIER_1"))
                .body("after.tier", equalTo("TIER_2"))
                .body("tierChanged", equalTo(true));
        analyst()
                .delete("/operators/" + t + "/deals/d3")
                .then()
                .statusCode(200)
                .body("after.tier", equalTo("TIER_3"))
                .body("after.stages", empty());
        anonymous().get("/operators/" + t).then().body("profile.deals.id", contains("d1"));
        anonymous().get("/operators/" + t + "/history").then().body("$", hasSize(3));
    }

    @Test
    void amend_and_remove_follow_the_rules_for_errors_and_users() {
        String t = Api.ticker("ERR");
        analyst().body(profile(t)).put("/operators/" + t).then().statusCode(201);
        String d2 =
                "{\"id\":\"d2\",\"counterparty\":\"Microsoft\",\"counterpartyType\":\"HYPERSCALER\","
                    + "\"status\":\"BINDING\",\"valueUsd\":1}";
        analyst()
                .body(d2)
                .put("/operators/" + t + "/deals/nope")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("id"));
        analyst()
                .body(d2.replace("d2", "nope"))
                .put("/operators/" + t + "/deals/nope")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        analyst().delete("/operators/" + t + "/deals/nope").then().statusCode(404);
        analyst()
                .body(
                        d2.replace(
                                "\"valueUsd\":1",
                                "\"valueUsd\":1,\"signed\":\"2025-05-01\",\"ended\":\"2025-04-01\""))
                .put("/operators/" + t + "/deals/d2")
                .then()
                .statusCode(400)
                .body("errors.field", contains("ended"));
        anonymous().body(d2).put("/operators/" + t + "/deals/d2").then().statusCode(401);
        anonymous().delete("/operators/" + t + "/deals/d2").then().statusCode(401);
        anonymous().get("/operators/" + t + "/history").then().body("$", hasSize(1));
        anonymous().get("/operators/NOPE-" + t + "/timeline").then().statusCode(404);
    }
}
