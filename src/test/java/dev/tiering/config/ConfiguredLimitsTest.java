package dev.tiering.config;

import static dev.tiering.store.Api.analyst;
import static dev.tiering.store.Api.anonymous;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import dev.tiering.store.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/**
 * Every size limit is configuration: set low here, each one refuses what the defaults would take.
 * Not lower than the rule folder's scenarios need (5 sites, 3 deals, 76 characters): they are
 * checked with the same limits.
 */
@QuarkusTest
@TestProfile(TightLimits.class)
class ConfiguredLimitsTest {

    static String site(String name) {
        return "{\"name\":\"" + name + "\",\"country\":\"US\",\"mw\":10}";
    }

    @Test
    void sites_over_the_configured_count_are_refused() {
        String five =
                "{\"ticker\":\"S\",\"sites\":["
                        + String.join(",", Collections.nCopies(5, site("a")))
                        + "]}";
        String six =
                "{\"ticker\":\"S\",\"sites\":["
                        + String.join(",", Collections.nCopies(6, site("a")))
                        + "]}";
        anonymous().body(five).post("/classify").then().statusCode(200);
        anonymous()
                .body(six)
                .post("/classify")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", contains("sites"))
                .body("errors[0].message", equalTo("at most 5 sites"));
    }

    @Test
    void text_over_the_configured_length_is_refused_wherever_it_is() {
        String longName = "N".repeat(81);
        anonymous()
                .body("{\"ticker\":\"T\",\"name\":\"" + longName + "\"}")
                .post("/classify")
                .then()
                .statusCode(400)
                .body("errors.field", contains("name"));
        anonymous()
                .body("{\"ticker\":\"T\",\"sites\":[" + site(longName) + "]}")
                .post("/classify")
                .then()
                .statusCode(400)
                .body("errors.field", contains("sites[0].name"));
        String t = Api.ticker("LIM");
        analyst().body("{\"ticker\":\"" + t + "\"}").put("/operators/" + t).then().statusCode(201);
        analyst()
                .body(Api.smallDeal("d1").replace("Lambda", longName))
                .post("/operators/" + t + "/deals")
                .then()
                .statusCode(400)
                .body("errors.field", contains("counterparty"))
                .body("errors[0].message", equalTo("at most 80 characters"));
        analyst().delete("/operators/" + t).then().statusCode(204);
    }

    @Test
    void deals_over_the_configured_count_are_refused_in_a_profile_and_one_by_one() {
        String t = Api.ticker("LIM");
        String four =
                "{\"ticker\":\""
                        + t
                        + "\",\"deals\":["
                        + Api.smallDeal("a")
                        + ","
                        + Api.smallDeal("b")
                        + ","
                        + Api.smallDeal("c")
                        + ","
                        + Api.smallDeal("d")
                        + "]}";
        analyst()
                .body(four)
                .put("/operators/" + t)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("deals"));
        analyst().body("{\"ticker\":\"" + t + "\"}").put("/operators/" + t).then().statusCode(201);
        for (String id : new String[] {"a", "b", "c"}) {
            analyst()
                    .body(Api.smallDeal(id))
                    .post("/operators/" + t + "/deals")
                    .then()
                    .statusCode(201);
        }
        analyst()
                .body(Api.smallDeal("d"))
                .post("/operators/" + t + "/deals")
                .then()
                .statusCode(400)
                .body("errors.field", contains("deals"));
        anonymous().get("/operators/" + t).then().body("profile.deals", hasSize(3));
        analyst().delete("/operators/" + t).then().statusCode(204);
    }

    @Test
    void the_batch_size_and_the_body_size_are_configuration_too() {
        String one = "{\"ticker\":\"B\"}";
        anonymous()
                .body("[" + String.join(",", Collections.nCopies(3, one)) + "]")
                .post("/classify/batch")
                .then()
                .statusCode(200);
        anonymous()
                .body("[" + String.join(",", Collections.nCopies(4, one)) + "]")
                .post("/classify/batch")
                .then()
                .statusCode(400)
                .body("errors.field", contains("$"));
        anonymous()
                .body("{\"ticker\":\"B\",\"name\":\"" + "x".repeat(5000) + "\"}")
                .post("/classify")
                .then()
                .statusCode(413)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(413))
                .body("detail", startsWith("request body over the limit of 4096 bytes"));
    }
}
