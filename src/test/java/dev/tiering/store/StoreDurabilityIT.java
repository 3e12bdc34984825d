package dev.tiering.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiering.PackagedApp;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store on disk, through the packaged service: what was acknowledged survives a SIGKILL in the
 * middle of concurrent writes, and everything survives a normal restart.
 */
class StoreDurabilityIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANALYST = "analyst";
    private static final String PASSWORD = "durability-analyst-pw";
    private static final Map<String, String> ENV =
            Map.of(
                    "TIERING_ANALYST_PASSWORD",
                    PASSWORD,
                    "TIERING_ADMIN_PASSWORD",
                    "durability-admin-pw");

    /** Writers per operator; two operators. */
    private static final int WRITERS = 3;

    /** Each writer stops after this many deals: well inside the deals-per-profile limit. */
    private static final int DEALS_PER_WRITER = 150;

    @TempDir Path dataDir;

    @Test
    void every_deal_acknowledged_with_201_survives_a_sigkill_in_the_middle_of_concurrent_writes()
            throws Exception {
        List<String> tickers = List.of("KILL-A", "KILL-B");
        Map<String, Set<String>> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger acks = new AtomicInteger();
        try (PackagedApp app = new PackagedApp(dataDir, ENV).withoutRuleChecker().start()) {
            for (String t : tickers) {
                assertThat(
                                app.send(
                                                "PUT",
                                                "/operators/" + t,
                                                ANALYST,
                                                PASSWORD,
                                                Api.profile(t))
                                        .statusCode())
                        .isEqualTo(201);
                acknowledged.put(t, ConcurrentHashMap.newKeySet());
            }
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS * tickers.size());
            CountDownLatch enough = new CountDownLatch(1);
            for (String t : tickers) {
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    pool.submit(
                            () -> {
                                for (int i = 0; i < DEALS_PER_WRITER; i++) {
                                    String id = "w" + writer + "-" + i;
                                    try {
                                        HttpResponse<String> r =
                                                app.send(
                                                        "POST",
                                                        "/operators/" + t + "/deals",
                                                        ANALYST,
                                                        PASSWORD,
                                                        Api.smallDeal(id));
                                        if (r.statusCode() == 201) {
                                            acknowledged.get(t).add(id);
                                            if (acks.incrementAndGet() >= 60) {
                                                enough.countDown();
                                            }
                                        }
                                    } catch (Exception connectionLost) {
                                        return; // the service is gone
                                    }
                                }
                            });
                }
            }
            // Kill while the writers are still going: after some deals are in, never after they
            // have all finished.
            assertThat(enough.await(60, TimeUnit.SECONDS)).as("60 deals acknowledged").isTrue();
            app.kill();
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acks.get())
                .as("the kill came in the middle of the stream")
                .isLessThan(WRITERS * tickers.size() * DEALS_PER_WRITER);

        try (PackagedApp again = new PackagedApp(dataDir, ENV).withoutRuleChecker().start()) {
            for (String t : tickers) {
                HttpResponse<String> stored = again.get("/operators/" + t);
                assertThat(stored.statusCode()).isEqualTo(200);
                Set<String> ids = new HashSet<>();
                JSON.readTree(stored.body())
                        .get("profile")
                        .get("deals")
                        .forEach(d -> ids.add(d.get("id").asText()));
                assertThat(ids)
                        .as("deals of %s after the kill", t)
                        .containsAll(acknowledged.get(t));

                // A deal and the history entry it causes are one transaction. History records
                // changes only: the first binding deal moves the operator (Tier 3 to Tier 2), the
                // others change nothing. So with any deal stored there is exactly one deal entry,
                // and it names a deal that was stored.
                JsonNode history = JSON.readTree(again.get("/operators/" + t + "/history").body());
                List<String> dealEntries = new ArrayList<>();
                for (JsonNode h : history) {
                    if (h.get("cause").asText().equals("DEAL")) {
                        dealEntries.add(h.get("detail").asText());
                    }
                }
                assertThat(dealEntries)
                        .as("history entries of %s", t)
                        .hasSize(ids.isEmpty() ? 0 : 1);
                dealEntries.forEach(
                        d ->
                                assertThat(ids)
                                        .as(d)
                                        .anyMatch(id -> d.equals("deal " + id + " added")));
            }
            // The store takes writes again.
            assertThat(
                            again.send(
                                            "POST",
                                            "/operators/KILL-A/deals",
                                            ANALYST,
                                            PASSWORD,
                                            Api.smallDeal("after-restart"))
                                    .statusCode())
                    .isEqualTo(201);
            assertThat(again.log()).doesNotContain("Corrupted", "corrupted", "MVStoreException");
        }
    }

    @Test
    void profile_deals_and_history_survive_a_normal_restart() throws Exception {
        String t = "REST";
        JsonNode before;
        JsonNode historyBefore;
        JsonNode timelineBefore;
        try (PackagedApp app = new PackagedApp(dataDir, ENV).withoutRuleChecker().start()) {
            assertThat(
                            app.send(
                                            "PUT",
                                            "/operators/" + t,
                                            ANALYST,
                                            PASSWORD,
                                            Api.example("BTDR", t))
                                    .statusCode())
                    .isEqualTo(201);
            assertThat(
                            app.send(
                                            "POST",
                                            "/operators/" + t + "/deals",
                                            ANALYST,
                                            PASSWORD,
                                            Api.hyperscalerDeal("msft"))
                                    .statusCode())
                    .isEqualTo(201);
            assertThat(
                            app.send(
                                            "POST",
                                            "/operators/" + t + "/deals",
                                            ANALYST,
                                            PASSWORD,
                                            Api.smallDeal("small"))
                                    .statusCode())
                    .isEqualTo(201);
            assertThat(
                            app.send(
                                            "PUT",
                                            "/operators/" + t + "/deals/small",
                                            ANALYST,
                                            PASSWORD,
                                            Api.smallDeal("small")
                                                    .replace(
                                                            "\"valueUsd\":10000000",
                                                            "\"valueUsd\":30000000"))
                                    .statusCode())
                    .isEqualTo(200);
            before = JSON.readTree(app.get("/operators/" + t).body());
            historyBefore = JSON.readTree(app.get("/operators/" + t + "/history").body());
            timelineBefore = JSON.readTree(app.get("/operators/" + t + "/timeline").body());
            app.stop();
        }
        // The profile (Tier 3) and the hyperscaler deal (Tier 1); the small deal and its amendment
        // change nothing.
        assertThat(historyBefore).hasSize(2);

        try (PackagedApp again = new PackagedApp(dataDir, ENV).withoutRuleChecker().start()) {
            JsonNode after = JSON.readTree(again.get("/operators/" + t).body());
            assertThat(after.get("profile")).isEqualTo(before.get("profile"));
            assertThat(after.get("classification").get("tier"))
                    .isEqualTo(before.get("classification").get("tier"));
            assertThat(after.get("classification").get("stage"))
                    .isEqualTo(before.get("classification").get("stage"));
            assertThat(JSON.readTree(again.get("/operators/" + t + "/history").body()))
                    .isEqualTo(historyBefore);
            assertThat(JSON.readTree(again.get("/operators/" + t + "/timeline").body()))
                    .isEqualTo(timelineBefore);
            List<String> listed = new ArrayList<>();
            JSON.readTree(again.get("/operators").body())
                    .forEach(o -> listed.add(o.get("ticker").asText()));
            assertThat(listed).containsExactly(t);
        }
    }
}
