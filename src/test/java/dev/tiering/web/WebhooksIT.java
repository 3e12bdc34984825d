package dev.tiering.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiering.PackagedApp;
import dev.tiering.WebhookReceiver;
import dev.tiering.WebhookReceiver.Received;
import dev.tiering.store.Api;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks through the packaged service: moves acknowledged just before a SIGKILL, while the
 * receiver hung (so deliveries were under way, leased, at the kill), are all delivered within
 * seconds of a restart, each signed, none lost.
 */
class WebhooksIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANALYST_PW = "webhooks-analyst-pw";
    private static final String ADMIN_PW = "webhooks-admin-pw";
    private static final Map<String, String> ENV =
            Map.of(
                    "TIERING_ANALYST_PASSWORD", ANALYST_PW,
                    "TIERING_ADMIN_PASSWORD", ADMIN_PW,
                    "TIERING_WEBHOOKS_ALLOW_PRIVATE", "true");

    @TempDir Path dataDir;

    @Test
    void every_move_acknowledged_before_a_sigkill_reaches_the_receiver_after_a_restart()
            throws Exception {
        Set<String> tickers = new LinkedHashSet<>();
        try (WebhookReceiver receiver = new WebhookReceiver();
                PackagedApp app =
                        new PackagedApp(dataDir, ENV)
                                .withoutRuleChecker()
                                .property("tiering.webhooks.first-retry", "PT0.2S")
                                .property("tiering.webhooks.max-wait", "PT1S")
                                .start()) {
            String body =
                    JSON.writeValueAsString(
                            Map.of("url", receiver.url(), "secret", receiver.secret));
            assertThat(app.send("POST", "/subscriptions", "admin", ADMIN_PW, body).statusCode())
                    .isEqualTo(201);
            // Hanging, not down: the service then holds deliveries under way when it is killed.
            receiver.mode(WebhookReceiver.Mode.HANGING);
            for (int i = 0; i < 100; i++) {
                String t = "KW-" + i;
                tickers.add(t);
                assertThat(
                                app.send(
                                                "PUT",
                                                "/operators/" + t,
                                                "analyst",
                                                ANALYST_PW,
                                                Api.profile(t))
                                        .statusCode())
                        .isEqualTo(201);
                assertThat(
                                app.send(
                                                "POST",
                                                "/operators/" + t + "/deals",
                                                "analyst",
                                                ANALYST_PW,
                                                ChangesTest.microsoftDeal("msft"))
                                        .statusCode())
                        .isEqualTo(201);
            }
            app.kill(); // 200 moves acknowledged, and the receiver has seen none of them
            assertThat(receiver.received()).isEmpty();

            receiver.mode(WebhookReceiver.Mode.UP);
            app.start();
            long ready = System.nanoTime();
            long until = ready + 60_000_000_000L;
            while (distinct(receiver, tickers) < 200 && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertThat(distinct(receiver, tickers)).as(app.log()).isEqualTo(200);
            // The killed run's leases are released at start: not one delivery waits out its
            // lease (the timeout, 10 s, plus 20 s).
            assertThat((System.nanoTime() - ready) / 1_000_000_000.0)
                    .as("seconds from ready to the last delivery")
                    .isLessThan(15);
            assertThat(app.log()).contains("were under way when the service last stopped");

            Set<String> feed = new HashSet<>();
            JsonNode events = JSON.readTree(app.get("/changes?limit=1000").body());
            events.forEach(
                    e -> {
                        if (tickers.contains(e.get("ticker").asText())) {
                            feed.add(e.get("id").asText());
                        }
                    });
            assertThat(feed).hasSize(200);
            Set<String> delivered =
                    receiver.of(tickers).stream()
                            .map(Received::webhookId)
                            .collect(Collectors.toSet());
            assertThat(delivered).isEqualTo(feed);
            assertThat(receiver.of(tickers)).allMatch(Received::signatureValid);
            for (String t : tickers) {
                assertThat(
                                receiver.of(Set.of(t)).stream()
                                        .map(r -> r.data().path("cause").asText())
                                        .distinct())
                        .containsExactly("PROFILE", "DEAL");
            }
        }
    }

    private static int distinct(WebhookReceiver receiver, Set<String> tickers) {
        return receiver.of(tickers).stream()
                .map(Received::webhookId)
                .collect(Collectors.toSet())
                .size();
    }
}
