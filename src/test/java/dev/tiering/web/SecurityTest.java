package dev.tiering.web;

import static dev.tiering.store.Api.admin;
import static dev.tiering.store.Api.analyst;
import static dev.tiering.store.Api.anonymous;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.tiering.store.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may write: every write endpoint refuses a caller without credentials (401), with a wrong
 * password (401) and with a user who lacks the role (403), each as a problem body that says nothing
 * of the inside, and nothing is written. Also: no endpoint takes rule text, and CORS stays closed.
 */
@QuarkusTest
class SecurityTest {
    /** A user with no role at all (%test profile only): signed in, allowed nothing. */
    private static final String GUEST = "guest";

    private static final String GUEST_PASSWORD = "guest-secret";

    /**
     * A write endpoint: method, path for a stored operator {@code t} with deal d1, a body, the role
     * it needs.
     */
    record Write(String method, String path, String body, String role) {
        @Override
        public String toString() {
            return method + " " + path;
        }

        String pathFor(String ticker) {
            return path.replace("{t}", ticker);
        }
    }

    static Stream<Write> writes() {
        return Stream.of(
                new Write("PUT", "/operators/{t}", null, "analyst"),
                new Write("DELETE", "/operators/{t}", null, "analyst"),
                new Write("POST", "/operators/{t}/deals", Api.smallDeal("d2"), "analyst"),
                new Write("PUT", "/operators/{t}/deals/d1", Api.smallDeal("d1"), "analyst"),
                new Write("DELETE", "/operators/{t}/deals/d1", null, "analyst"),
                new Write("POST", "/rules/reload", null, "admin"));
    }

    /** Every write with every caller that must be refused, and the status the caller must get. */
    static Stream<Arguments> refusals() {
        List<Arguments> out = new ArrayList<>();
        writes().forEach(
                        w -> {
                            out.add(Arguments.of(w, "no credentials", 401));
                            out.add(Arguments.of(w, "wrong password", 401));
                            out.add(Arguments.of(w, "unknown user", 401));
                            out.add(Arguments.of(w, "user without a role", 403));
                            if (w.role().equals("admin")) {
                                out.add(Arguments.of(w, "analyst", 403));
                            }
                        });
        return out.stream();
    }

    static RequestSpecification as(String caller) {
        return switch (caller) {
            case "no credentials" -> anonymous();
            case "wrong password" ->
                    given().auth()
                            .preemptive()
                            .basic("analyst", "not-the-password")
                            .contentType("application/json");
            case "unknown user" ->
                    given().auth()
                            .preemptive()
                            .basic("mallory", "analyst-secret")
                            .contentType("application/json");
            case "user without a role" ->
                    given().auth()
                            .preemptive()
                            .basic(GUEST, GUEST_PASSWORD)
                            .contentType("application/json");
            case "analyst" -> analyst();
            default -> throw new IllegalArgumentException(caller);
        };
    }

    @ParameterizedTest(name = "{0} as {1} is {2}")
    @MethodSource("refusals")
    void a_write_is_refused_without_the_right_user_and_changes_nothing(
            Write write, String caller, int status) {
        String t = Api.ticker("SEC");
        analyst().body(Api.profile(t)).put("/operators/" + t).then().statusCode(201);
        analyst()
                .body(Api.smallDeal("d1"))
                .post("/operators/" + t + "/deals")
                .then()
                .statusCode(201);
        String before = anonymous().get("/operators/" + t).then().extract().asString();
        String rulesBefore =
                anonymous().get("/rules").then().statusCode(200).extract().path("version");

        RequestSpecification request = as(caller);
        String body =
                write.body() != null
                        ? write.body()
                        : write.method().equals("PUT")
                                ? Api.profile(t).replace("\"gpus\":10", "\"gpus\":99")
                                : null;
        if (body != null) {
            request.body(body);
        }
        Response r = request.request(write.method(), write.pathFor(t));

        r.then()
                .statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status))
                .body("errors", hasSize(0));
        if (status == 401) {
            r.then().header("WWW-Authenticate", startsWith("Basic"));
        }
        assertClean(r.asString());
        assertThat(anonymous().get("/operators/" + t).then().extract().asString())
                .isEqualTo(before);
        anonymous().get("/operators/" + t + "/history").then().body("$", hasSize(2));
        anonymous().get("/rules").then().body("version", equalTo(rulesBefore));
        analyst().delete("/operators/" + t).then().statusCode(204);
    }

    @Test
    void admin_may_reload_and_analyst_may_write() {
        admin().post("/rules/reload").then().statusCode(200);
        String t = Api.ticker("SEC");
        analyst().body(Api.profile(t)).put("/operators/" + t).then().statusCode(201);
        admin().body(Api.smallDeal("a1")).post("/operators/" + t + "/deals").then().statusCode(201);
        analyst().delete("/operators/" + t).then().statusCode(204);
    }

    /**
     * Rules come from the folder only: the only operations that take a body are those that take a
     * profile or deals, and the webhook subscription (a URL and a secret), and a rule file posted
     * to the reload endpoint changes nothing.
     */
    @Test
    void no_endpoint_accepts_rule_text() {
        Map<String, Map<String, Object>> paths =
                given().accept("application/json")
                        .get("/q/openapi?format=json")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("paths");
        TreeSet<String> withBody = new TreeSet<>();
        paths.forEach(
                (path, operations) ->
                        operations.forEach(
                                (method, operation) -> {
                                    if (operation instanceof Map<?, ?> op
                                            && op.containsKey("requestBody")) {
                                        withBody.add(method.toUpperCase() + " " + path);
                                    }
                                }));
        assertThat(withBody)
                .containsExactlyInAnyOrder(
                        "POST /classify",
                        "POST /classify/batch",
                        "PUT /operators/{ticker}",
                        "POST /operators/{ticker}/deals",
                        "PUT /operators/{ticker}/deals/{id}",
                        "POST /operators/{ticker}/what-if",
                        "POST /deals/import",
                        "POST /subscriptions");

        String version = anonymous().get("/rules").then().statusCode(200).extract().path("version");
        byte[] drl =
                "package rules; rule \"Everyone is tier one\" when then end"
                        .getBytes(StandardCharsets.UTF_8);
        for (String type : List.of("text/plain", "application/json", "application/octet-stream")) {
            admin().contentType(type)
                    .body(drl)
                    .post("/rules/reload")
                    .then()
                    .statusCode(200)
                    .body("version", equalTo(version));
            admin().contentType(type).body(drl).put("/rules").then().statusCode(405);
            admin().contentType(type).body(drl).post("/rules").then().statusCode(405);
        }
        Response rules = anonymous().get("/rules");
        rules.then().body("version", equalTo(version));
        assertThat(rules.asString()).doesNotContain("Everyone is tier one");
    }

    @Test
    void cors_is_closed_a_preflight_from_another_origin_gets_no_allow_origin() {
        for (String path : List.of("/classify", "/operators/IREN", "/rules/reload")) {
            given().header("Origin", "https://evil.example")
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "authorization,content-type")
                    .options(path)
                    .then()
                    .header("Access-Control-Allow-Origin", nullValue())
                    .header("Access-Control-Allow-Credentials", nullValue());
        }
        given().header("Origin", "https://evil.example")
                .get("/operators")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void unknown_paths_and_methods_are_problems_without_internals() {
        List<Supplier<Response>> calls =
                List.of(
                        () -> anonymous().get("/nowhere"),
                        () -> anonymous().get("/operators/NOPE-404"),
                        () -> anonymous().delete("/classify"),
                        () -> anonymous().body("{}").post("/operators"),
                        () -> anonymous().body("{}").post("/screen"));
        List<Integer> statuses = new ArrayList<>();
        for (Supplier<Response> call : calls) {
            Response r = call.get();
            statuses.add(r.statusCode());
            r.then()
                    .contentType(startsWith("application/problem+json"))
                    .body("status", equalTo(r.statusCode()));
            assertClean(r.asString());
        }
        assertThat(statuses).containsExactly(404, 404, 405, 405, 405);
    }

    static void assertClean(String body) {
        assertThat(body)
                .doesNotContain(
                        "dev.tiering",
                        "java.",
                        "com.fasterxml",
                        "io.quarkus",
                        "Exception",
                        "\tat ");
    }
}
