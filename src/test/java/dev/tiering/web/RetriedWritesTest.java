package dev.tiering.web;

import static dev.tiering.store.Api.analyst;
import static dev.tiering.store.Api.anonymous;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.tiering.store.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/**
 * A client that lost an answer sends the request again: the same deal, the same import. The second
 * time stores nothing, moves no one and says the write is there; only a different deal under a
 * stored id is a conflict.
 */
@QuarkusTest
class RetriedWritesTest {

    @Test
    void
            the_same_deal_posted_again_answers_200_with_the_stored_classification_and_writes_nothing() {
        String t = Api.ticker("RETRY");
        analyst().body(Api.profile(t)).put("/operators/" + t).then().statusCode(201);
        JsonPath first =
                analyst()
                        .body(Api.hyperscalerDeal("msft"))
                        .post("/operators/" + t + "/deals")
                        .then()
                        .statusCode(201)
                        .body("tierChanged", equalTo(true))
                        .extract()
                        .jsonPath();
        String stored = anonymous().get("/operators/" + t).asString();
        String history = anonymous().get("/operators/" + t + "/history").asString();

        // The same fields in another order: the same deal.
        String again =
                "{\"mw\":200,\"signed\":\"2026-01-15\",\"termYears\":10,\"valueUsd\":2000000000,"
                        + "\"status\":\"BINDING\",\"service\":\"COLOCATION\","
                        + "\"counterpartyType\":\"HYPERSCALER\",\"counterparty\":\"Microsoft\","
                        + "\"id\":\"msft\"}";
        analyst()
                .body(again)
                .post("/operators/" + t + "/deals")
                .then()
                .statusCode(200)
                .body("tierChanged", equalTo(false))
                .body("before.tier", equalTo(first.getString("after.tier")))
                .body("after.tier", equalTo(first.getString("after.tier")));

        assertThat(anonymous().get("/operators/" + t).asString()).isEqualTo(stored);
        assertThat(anonymous().get("/operators/" + t + "/history").asString()).isEqualTo(history);
        anonymous().get("/operators/" + t).then().body("profile.deals", hasSize(1));

        // Another deal under the stored id is still a conflict, and stores nothing.
        analyst()
                .body(Api.hyperscalerDeal("msft").replace("2000000000", "3000000000"))
                .post("/operators/" + t + "/deals")
                .then()
                .statusCode(409)
                .body("errors[0].field", equalTo("id"));
        assertThat(anonymous().get("/operators/" + t).asString()).isEqualTo(stored);
        analyst().delete("/operators/" + t).then().statusCode(204);
    }

    @Test
    void a_deals_import_sent_twice_changes_nothing_the_second_time_and_moves_no_one() {
        String a = Api.ticker("IMPA");
        String b = Api.ticker("IMPB");
        analyst().body(Api.profile(a)).put("/operators/" + a).then().statusCode(201);
        analyst().body(Api.profile(b)).put("/operators/" + b).then().statusCode(201);
        String csv =
                "ticker,id,counterparty,counterpartyType,service,status,valueUsd,termYears,mw,signed\r\n"
                        + a
                        + ",msft,Microsoft,HYPERSCALER,COLOCATION,BINDING,2000000000,10,200,2026-01-15\r\n"
                        + b
                        + ",lambda,Lambda,NEOCLOUD,COLOCATION,BINDING,20000000,1,1,2026-01-15\r\n";
        JsonPath first = importDeals(csv);
        assertThat(first.getList("tierChanged")).containsExactly(true, true);
        String storedA = anonymous().get("/operators/" + a).asString();
        String storedB = anonymous().get("/operators/" + b).asString();
        String historyA = anonymous().get("/operators/" + a + "/history").asString();
        String counts = anonymous().get("/operators/counts").jsonPath().getString("version");

        JsonPath second = importDeals(csv);
        assertThat(second.getList("ticker")).containsExactly(a, b);
        assertThat(second.getList("tierChanged")).containsExactly(false, false);
        assertThat(second.getList("after.tier")).isEqualTo(first.getList("after.tier"));
        assertThat(anonymous().get("/operators/" + a).asString()).isEqualTo(storedA);
        assertThat(anonymous().get("/operators/" + b).asString()).isEqualTo(storedB);
        assertThat(anonymous().get("/operators/" + a + "/history").asString()).isEqualTo(historyA);
        assertThat(anonymous().get("/operators/counts").jsonPath().getString("version"))
                .as("no write at all: the counts' change marker stays")
                .isEqualTo(counts);
        analyst().delete("/operators/" + a).then().statusCode(204);
        analyst().delete("/operators/" + b).then().statusCode(204);
    }

    private static JsonPath importDeals(String csv) {
        return given().auth()
                .preemptive()
                .basic("analyst", "analyst-secret")
                .contentType("text/csv")
                .body(csv)
                .post("/deals/import")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
