package dev.tiering.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import dev.tiering.store.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * A what-if: the stored operator with deals added, amended or removed, classified and stored
 * nowhere.
 */
@QuarkusTest
class WhatIfTest {

    @Test
    void a_hypothetical_hyperscaler_deal_moves_bitdeer_to_tier_one_and_changes_nothing_stored() {
        String t = Api.ticker("WIF");
        analyst().body(Api.example("BTDR", t)).put("/operators/" + t).then().statusCode(201);
        String stored = given().get("/operators/" + t).asString();
        String history = given().get("/operators/" + t + "/history").asString();
        String list = given().get("/operators").asString();

        given().contentType("application/json")
                .body("{\"addDeals\": [" + Api.hyperscalerDeal("msft-what-if") + "]}")
                .post("/operators/" + t + "/what-if")
                .then()
                .statusCode(200)
                .body("before.tier", equalTo("TIER_3"))
                .body("after.tier", equalTo("TIER_1"))
                .body("tierChanged", equalTo(true))
                .body(
                        "after.reasons.message",
                        hasItem(org.hamcrest.Matchers.containsString("msft-what-if")));

        assertThat(given().get("/operators/" + t).asString()).isEqualTo(stored);
        assertThat(given().get("/operators/" + t + "/history").asString()).isEqualTo(history);
        assertThat(given().get("/operators").asString()).isEqualTo(list);
        analyst().delete("/operators/" + t);
    }

    @Test
    void amending_and_removing_by_id_and_a_date_to_classify_on() {
        String t = Api.ticker("WIF");
        analyst().body(Api.profile(t)).put("/operators/" + t).then().statusCode(201);
        analyst()
                .body(Api.hyperscalerDeal("msft"))
                .post("/operators/" + t + "/deals")
                .then()
                .statusCode(201);

        given().contentType("application/json")
                .body("{\"removeDeals\": [\"msft\"]}")
                .post("/operators/" + t + "/what-if")
                .then()
                .statusCode(200)
                .body("before.tier", equalTo("TIER_1"))
                .body("after.tier", equalTo("TIER_3"));
        given().contentType("application/json")
                .body(
                        "{\"amendDeals\": ["
                                + Api.hyperscalerDeal("msft")
                                        .replace("\"BINDING\"", "\"NON_BINDING\"")
                                + "]}")
                .post("/operators/" + t + "/what-if")
                .then()
                .statusCode(200)
                .body("after.tier", equalTo("TIER_3"));
        // The deal was signed 2026-01-15: on 2025-12-31 neither side counts it.
        given().contentType("application/json")
                .body("{\"removeDeals\": [\"msft\"], \"asOf\": \"2025-12-31\"}")
                .post("/operators/" + t + "/what-if")
                .then()
                .statusCode(200)
                .body("before.tier", equalTo("TIER_3"))
                .body("tierChanged", equalTo(false));
        analyst().delete("/operators/" + t);
    }

    @Test
    void a_bad_deal_or_an_unknown_id_is_a_400_naming_it_and_an_unknown_operator_a_404() {
        String t = Api.ticker("WIF");
        analyst().body(Api.profile(t)).put("/operators/" + t).then().statusCode(201);
        given().contentType("application/json")
                .body("{\"addDeals\": [" + Api.smallDeal("x").replace("10000000", "-5") + "]}")
                .post("/operators/" + t + "/what-if")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("addDeals[0].valueUsd"));
        given().contentType("application/json")
                .body("{\"amendDeals\": [" + Api.smallDeal("nope") + "]}")
                .post("/operators/" + t + "/what-if")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("amendDeals[0].id"));
        given().contentType("application/json")
                .body("{\"removeDeals\": [\"nope\"]}")
                .post("/operators/" + t + "/what-if")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("removeDeals[0]"));
        given().contentType("application/json")
                .body("{\"addDeals\": {}}")
                .post("/operators/" + t + "/what-if")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("addDeals"));
        given().contentType("application/json")
                .body("{\"removeDeals\": []}")
                .post("/operators/NOPE-" + t + "/what-if")
                .then()
                .statusCode(404);
        analyst().delete("/operators/" + t);
    }

    private static RequestSpecification analyst() {
        return given().auth()
                .preemptive()
                .basic("analyst", "analyst-secret")
                .contentType("application/json");
    }
}
