package dev.tiering.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import dev.tiering.store.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a careless or hostile client tried, answered as it should be: racing writers, spoofing
 * characters, repeated parameters and headers, password guessing, expensive timelines, and the
 * browser's protections on every answer.
 */
@QuarkusTest
class HardeningTest {
    @TestHTTPResource("/")
    URL root;

    @Test
    void two_puts_creating_the_same_new_ticker_at_once_get_201_and_200_never_5xx()
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 30; round++) {
                String t = Api.ticker("RACE");
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> puts = new ArrayList<>();
                for (int w = 0; w < 2; w++) {
                    puts.add(
                            pool.submit(
                                    () -> {
                                        go.await();
                                        return analyst()
                                                .body(Api.profile(t))
                                                .put("/operators/" + t)
                                                .statusCode();
                                    }));
                }
                go.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> f : puts) {
                    statuses.add(f.get(60, TimeUnit.SECONDS));
                }
                assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(201, 200);
                analyst().delete("/operators/" + t).then().statusCode(204);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void deleting_an_operator_while_its_deals_change_leaves_no_history_behind() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 40; round++) {
                String t = Api.ticker("DEL");
                analyst().body(Api.profile(t)).put("/operators/" + t).then().statusCode(201);
                CountDownLatch go = new CountDownLatch(1);
                Future<?> deals =
                        pool.submit(
                                () -> {
                                    go.await();
                                    for (int i = 0; i < 5; i++) {
                                        int status =
                                                analyst()
                                                        .body(Api.hyperscalerDeal("d" + i))
                                                        .post("/operators/" + t + "/deals")
                                                        .statusCode();
                                        assertThat(status).isIn(201, 404);
                                    }
                                    return null;
                                });
                Future<Integer> delete =
                        pool.submit(
                                () -> {
                                    go.await();
                                    return analyst().delete("/operators/" + t).statusCode();
                                });
                go.countDown();
                deals.get(60, TimeUnit.SECONDS);
                assertThat(delete.get(60, TimeUnit.SECONDS)).isEqualTo(204);
                // What is left of the first life of the ticker: deals added after the delete found
                // no operator.
                analyst().delete("/operators/" + t);
                analyst().body(Api.profile(t)).put("/operators/" + t).then().statusCode(201);
                given().get("/operators/" + t + "/history")
                        .then()
                        .body("$", hasSize(1))
                        .body("[0].detail", equalTo("profile created"));
                analyst().delete("/operators/" + t).then().statusCode(204);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void
            control_direction_and_invisible_characters_and_lone_surrogates_are_refused_naming_the_field() {
        String t = Api.ticker("TXT");
        for (String bad :
                List.of(
                        "IREN\\u202e",
                        "I\\u200bREN",
                        "IREN\\u0000",
                        "IREN\\ud800",
                        "IREN\\udc00x",
                        "line\\nbreak")) {
            String body =
                    Api.profile(t).replace("{\"ticker\"", "{\"name\":\"" + bad + "\",\"ticker\"");
            given().contentType("application/json")
                    .body(body)
                    .post("/classify")
                    .then()
                    .statusCode(400)
                    .contentType(startsWith("application/problem+json"))
                    .body("errors.field", hasItem("name"));
            String deal = Api.smallDeal("d1").replace("\"Lambda\"", "\"Lam" + bad + "bda\"");
            analyst().body(Api.profile(t)).put("/operators/" + t);
            analyst()
                    .body(deal)
                    .post("/operators/" + t + "/deals")
                    .then()
                    .statusCode(400)
                    .body("errors.field", hasItem("counterparty"));
        }
        // A pair of surrogates is a character like any other.
        String emoji =
                Api.profile(t)
                        .replace("{\"ticker\"", "{\"name\":\"Mining \\ud83d\\ude80\",\"ticker\"");
        given().contentType("application/json")
                .body(emoji)
                .post("/classify")
                .then()
                .statusCode(200);
        analyst().delete("/operators/" + t);
    }

    @Test
    void a_query_parameter_or_a_header_given_twice_is_refused() throws Exception {
        admin().queryParam("dryRun", "false")
                .queryParam("dryRun", "true")
                .post("/rules/reload")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("dryRun"));
        given().queryParam("tier", "TIER_1")
                .queryParam("tier", "TIER_2")
                .get("/operators")
                .then()
                .statusCode(400);
        String token =
                java.util.Base64.getEncoder().encodeToString("admin:admin-secret".getBytes());
        String wrong =
                java.util.Base64.getEncoder().encodeToString("analyst:analyst-secret".getBytes());
        RawHttp.Reply reply =
                RawHttp.exact(
                        root.getPort(),
                        "POST /rules/reload?dryRun=true HTTP/1.1\r\n"
                                + "Host: localhost\r\nConnection: close\r\nAuthorization: Basic "
                                + token
                                + "\r\n"
                                + "Authorization: Basic "
                                + wrong
                                + "\r\nContent-Length: 0\r\n\r\n");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).contains("Authorization");
    }

    @Test
    void every_answer_carries_the_browser_protections() {
        for (String path :
                List.of("/", "/operators", "/rules", "/q/health/ready", "/no-such-page")) {
            given().get(path)
                    .then()
                    .header("Content-Security-Policy", containsString("script-src 'self';"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("X-Content-Type-Options", equalTo("nosniff"))
                    .header("X-Frame-Options", equalTo("DENY"));
        }
        given().contentType("application/json")
                .body("{")
                .post("/classify")
                .then()
                .statusCode(400)
                .header("X-Content-Type-Options", equalTo("nosniff"));
    }

    @Test
    void a_timeline_asked_for_by_many_at_once_is_computed_once() throws Exception {
        String t = Api.ticker("TL");
        StringBuilder deals = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            deals.append(i == 0 ? "" : ",")
                    .append("{\"id\":\"d")
                    .append(i)
                    .append("\",\"counterparty\":\"C")
                    .append(i % 7)
                    .append(
                            "\",\"counterpartyType\":\"NEOCLOUD\",\"service\":\"COLOCATION\","
                                    + "\"status\":\"BINDING\",\"valueUsd\":")
                    .append(1_000_000 + i)
                    .append(",\"signed\":\"")
                    .append(java.time.LocalDate.of(2020, 1, 1).plusDays(i * 5L))
                    .append("\"}");
        }
        analyst()
                .body(Api.profile(t).replace("}}", "},\"deals\":[" + deals + "]}"))
                .put("/operators/" + t)
                .then()
                .statusCode(201);
        double before = computed();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> asks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                asks.add(
                        pool.submit(
                                () ->
                                        given().get("/operators/" + t + "/timeline")
                                                .then()
                                                .extract()
                                                .jsonPath()
                                                .getList("$")
                                                .size()));
            }
            for (Future<Integer> f : asks) {
                assertThat(f.get(120, TimeUnit.SECONDS)).isEqualTo(300);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(computed() - before).isEqualTo(1.0);
        // A write changes the operator: its next timeline is computed afresh.
        analyst()
                .body(Api.smallDeal("new"))
                .post("/operators/" + t + "/deals")
                .then()
                .statusCode(201);
        given().get("/operators/" + t + "/timeline").then().statusCode(200);
        assertThat(computed() - before).isEqualTo(2.0);
        analyst().delete("/operators/" + t);
    }

    private static double computed() {
        for (String line : given().get("/q/metrics").asString().split("\n")) {
            if (line.startsWith("tiering_timeline_computed_total")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    private static RequestSpecification analyst() {
        return given().auth()
                .preemptive()
                .basic("analyst", "analyst-secret")
                .contentType("application/json");
    }

    private static RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", "admin-secret");
    }
}
