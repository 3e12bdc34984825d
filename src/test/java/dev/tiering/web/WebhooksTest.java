package dev.tiering.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import dev.tiering.WebhookReceiver;
import dev.tiering.WebhookReceiver.Received;
import dev.tiering.store.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Webhooks: each change goes to each subscription as a CloudEvent 1.0 in structured JSON, signed as
 * Standard Webhooks says, at least once, in order per operator, off the write path; a receiver that
 * is down gets everything later, one that hangs holds up only itself.
 */
@QuarkusTest
class WebhooksTest {

    static String subscribe(WebhookReceiver receiver) {
        return Api.admin()
                .body(Map.of("url", receiver.url(), "secret", receiver.secret))
                .post("/subscriptions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static void unsubscribe(String id) {
        Api.admin().delete("/subscriptions/" + id).then().statusCode(204);
    }

    static void await(BooleanSupplier done, long millis) throws InterruptedException {
        long until = System.nanoTime() + millis * 1_000_000;
        while (!done.getAsBoolean() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
    }

    @Test
    void a_tier_move_reaches_the_receiver_as_a_signed_cloud_event_within_two_seconds()
            throws Exception {
        tierMoveReachesTheReceiver();
    }

    /** The test above, which {@code WebhooksPgTest} runs again on PostgreSQL. */
    static void tierMoveReachesTheReceiver() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String id = subscribe(receiver);
            String t = Api.ticker("HOOK");
            Api.analyst().body(Api.profile(t)).put("/operators/" + t).then().statusCode(201);
            Api.analyst()
                    .body(ChangesTest.microsoftDeal("msft"))
                    .post("/operators/" + t + "/deals")
                    .then()
                    .statusCode(201)
                    .body("tierChanged", equalTo(true));
            long acknowledged = System.currentTimeMillis();

            await(() -> receiver.of(Set.of(t)).size() >= 2, 5000);
            List<Received> got = receiver.of(Set.of(t));
            assertThat(got).hasSize(2);
            Received move = got.get(1);
            assertThat(move.receivedAtMillis() - acknowledged).isLessThan(2000);
            assertThat(move.signatureValid()).isTrue();
            assertThat(move.contentType()).startsWith("application/cloudevents+json");
            assertThat(Math.abs(move.timestamp() - Instant.now().getEpochSecond())).isLessThan(60);
            var ce = move.cloudEvent();
            assertThat(ce.path("specversion").asText()).isEqualTo("1.0");
            assertThat(ce.path("id").asText()).isEqualTo(move.webhookId());
            assertThat(ce.path("source").asText()).isEqualTo("/operators");
            assertThat(ce.path("type").asText()).isEqualTo("dev.tiering.classification.changed");
            assertThat(ce.path("subject").asText()).isEqualTo(t);
            assertThat(ce.path("time").asText()).isNotBlank();
            assertThat(move.data().path("id").asText()).isEqualTo(move.webhookId());
            assertThat(move.data().path("cause").asText()).isEqualTo("DEAL");
            assertThat(move.data().path("reason").asText())
                    .isEqualTo(
                            "a binding USD 2 B colocation deal with Microsoft (signed 2026-09-01)");
            assertThat(move.data().path("before").path("tier").asText())
                    .isNotEqualTo(move.data().path("after").path("tier").asText());
            // the same event as the feed gives it
            List<Map<String, Object>> feed =
                    ChangesTest.eventsOf(Instant.now().minusSeconds(60), Set.of(t));
            assertThat(feed.get(1).get("id")).isEqualTo(move.webhookId());
            assertThat(feed.get(1).get("cursor")).isEqualTo(move.data().path("cursor").asText());

            Api.admin()
                    .get("/subscriptions")
                    .then()
                    .statusCode(200)
                    .body("find { it.id == '" + id + "' }.url", equalTo(receiver.url()))
                    .body("find { it.id == '" + id + "' }", not(hasKey("secret")));
            Api.admin()
                    .get("/subscriptions/" + id + "/deliveries")
                    .then()
                    .statusCode(200)
                    .body("find { it.eventId == '" + move.webhookId() + "' }.attempts", equalTo(1))
                    .body(
                            "find { it.eventId == '" + move.webhookId() + "' }.lastStatus",
                            equalTo(204))
                    .body(
                            "find { it.eventId == '" + move.webhookId() + "' }.state",
                            equalTo("DELIVERED"));

            // sent again on request, with the same id
            Api.admin()
                    .post("/subscriptions/" + id + "/deliveries/" + move.webhookId() + "/redeliver")
                    .then()
                    .statusCode(202);
            await(() -> receiver.of(Set.of(t)).size() >= 3, 5000);
            assertThat(receiver.of(Set.of(t)).get(2).webhookId()).isEqualTo(move.webhookId());
            assertThat(receiver.of(Set.of(t)).get(2).signatureValid()).isTrue();

            unsubscribe(id);
            Api.analyst().delete("/operators/" + t);
        }
    }

    @Test
    void a_receiver_that_was_down_gets_every_event_in_order_per_operator_once_it_is_up()
            throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String id = subscribe(receiver);
            receiver.down();
            Instant since = Instant.now().minusSeconds(1);
            Set<String> tickers = new LinkedHashSet<>();
            for (int i = 0; i < 20; i++) {
                String t = Api.ticker("DOWN");
                tickers.add(t);
                Api.analyst().body(Api.profile(t)).put("/operators/" + t).then().statusCode(201);
                Api.analyst()
                        .body(ChangesTest.microsoftDeal("msft"))
                        .post("/operators/" + t + "/deals")
                        .then()
                        .statusCode(201);
            }
            List<Map<String, Object>> events = ChangesTest.awaitEvents(since, tickers, 40);
            assertThat(events).hasSize(40);
            Thread.sleep(1500); // several failed attempts each
            assertThat(receiver.received()).isEmpty();
            String pending =
                    Api.admin()
                            .get("/subscriptions/" + id + "/deliveries")
                            .then()
                            .extract()
                            .asString();
            assertThat(pending).contains("\"state\":\"PENDING\"");

            receiver.up();
            Set<String> ids =
                    events.stream().map(e -> (String) e.get("id")).collect(Collectors.toSet());
            await(
                    () ->
                            receiver.of(tickers).stream()
                                    .map(Received::webhookId)
                                    .collect(Collectors.toSet())
                                    .containsAll(ids),
                    15000);
            List<Received> got = receiver.of(tickers);
            assertThat(got.stream().map(Received::webhookId).collect(Collectors.toSet()))
                    .isEqualTo(ids);
            assertThat(got).allMatch(Received::signatureValid);
            // in order per operator: its creation before its deal, cursors growing
            for (String t : tickers) {
                List<Long> cursors = new ArrayList<>();
                List<String> causes = new ArrayList<>();
                for (Received r : got) {
                    if (r.ticker().equals(t) && !causes.contains(r.data().path("cause").asText())) {
                        cursors.add(Long.parseLong(r.data().path("cursor").asText()));
                        causes.add(r.data().path("cause").asText());
                    }
                }
                assertThat(causes).containsExactly("PROFILE", "DEAL");
                assertThat(cursors).isSorted();
            }
            // a duplicate, if any, is the same event under the same id
            Map<String, List<Received>> byId =
                    got.stream().collect(Collectors.groupingBy(Received::webhookId));
            byId.values()
                    .forEach(
                            same ->
                                    assertThat(
                                                    same.stream()
                                                            .map(r -> r.data().toString())
                                                            .distinct())
                                            .hasSize(1));
            unsubscribe(id);
            tickers.forEach(t -> Api.analyst().delete("/operators/" + t));
        }
    }

    @Test
    void a_receiver_that_never_answers_holds_up_neither_the_writes_nor_other_subscriptions()
            throws Exception {
        try (WebhookReceiver hanging = new WebhookReceiver();
                WebhookReceiver healthy = new WebhookReceiver()) {
            hanging.mode(WebhookReceiver.Mode.HANGING);
            String stuck = subscribe(hanging);
            String fine = subscribe(healthy);
            Set<String> tickers = new LinkedHashSet<>();
            long slowest = 0;
            for (int i = 0; i < 8; i++) {
                String t = Api.ticker("HANG");
                tickers.add(t);
                long started = System.nanoTime();
                Api.analyst().body(Api.profile(t)).put("/operators/" + t).then().statusCode(201);
                slowest = Math.max(slowest, (System.nanoTime() - started) / 1_000_000);
            }
            long written = System.currentTimeMillis();
            assertThat(slowest).isLessThan(1000);
            await(() -> healthy.of(tickers).size() >= 8, 5000);
            assertThat(healthy.of(tickers)).hasSize(8);
            assertThat(healthy.of(tickers).get(7).receivedAtMillis() - written).isLessThan(2000);
            assertThat(hanging.received()).isEmpty();
            unsubscribe(stuck);
            unsubscribe(fine);
            tickers.forEach(t -> Api.analyst().delete("/operators/" + t));
        }
    }

    @Test
    void only_an_admin_subscribes_and_a_bad_subscription_is_a_400_naming_the_field()
            throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Map<String, Object> good = Map.of("url", receiver.url(), "secret", receiver.secret);
            given().contentType("application/json")
                    .body(good)
                    .post("/subscriptions")
                    .then()
                    .statusCode(401);
            Api.analyst().body(good).post("/subscriptions").then().statusCode(403);
            Api.analyst().get("/subscriptions").then().statusCode(403);
            for (Object[] bad :
                    new Object[][] {
                        {Map.of("url", "ftp://example.com/x", "secret", receiver.secret), "url"},
                        {Map.of("url", "not a url", "secret", receiver.secret), "url"},
                        {Map.of("secret", receiver.secret), "url"},
                        {Map.of("url", receiver.url(), "secret", "hunter2"), "secret"},
                        {Map.of("url", receiver.url(), "secret", "whsec_c2hvcnQ="), "secret"},
                        {
                            Map.of(
                                    "url",
                                    receiver.url(),
                                    "secret",
                                    receiver.secret,
                                    "types",
                                    List.of("something.else")),
                            "types[0]"
                        }
                    }) {
                Api.admin()
                        .body(bad[0])
                        .post("/subscriptions")
                        .then()
                        .statusCode(400)
                        .contentType("application/problem+json")
                        .body("errors[0].field", equalTo(bad[1]));
            }
            Api.admin().delete("/subscriptions/no-such-id").then().statusCode(404);
            Api.admin().get("/subscriptions/no-such-id/deliveries").then().statusCode(404);
        }
    }
}
