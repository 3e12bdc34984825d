package dev.tiering.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiering.PackagedApp;
import dev.tiering.store.Api;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to the packaged service under eight writers, with its shipped stop settings: readiness
 * turns DOWN at once (within 2 s, to allow for a busy machine), writes go on being served through
 * the delay, then new ones are refused with 503 and Retry-After while those in flight finish; not
 * one request is cut (the writers wait as Retry-After says, as a client should), the stop takes at
 * most 15 s, and every write acknowledged with a 201 is in the database afterwards.
 */
class GracefulStopIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "stop-analyst-pw";
    private static final Map<String, String> ENV =
            Map.of("TIERING_ANALYST_PASSWORD", PASSWORD, "TIERING_ADMIN_PASSWORD", "stop-admin-pw");
    private static final int WRITERS = 8;

    @TempDir Path data;

    @Test
    void a_stop_signal_under_eight_writers_cuts_no_request_and_loses_no_acknowledged_write()
            throws Exception {
        Map<String, Set<String>> acknowledged = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> cut = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> refusedWithout = new ConcurrentLinkedQueue<>();
        AtomicLong refused = new AtomicLong();
        AtomicLong servedAfterSignal = new AtomicLong();
        AtomicLong signalled = new AtomicLong(Long.MAX_VALUE);
        Duration stop;
        long readinessDown = -1;
        try (PackagedApp app = new PackagedApp(data, ENV).shippedStop().start()) {
            for (int w = 0; w < WRITERS; w++) {
                String t = "STOP-" + w;
                assertThat(
                                app.send(
                                                "PUT",
                                                "/operators/" + t,
                                                "analyst",
                                                PASSWORD,
                                                Api.profile(t))
                                        .statusCode())
                        .isEqualTo(201);
                acknowledged.put(t, ConcurrentHashMap.newKeySet());
            }
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                String t = "STOP-" + w;
                writers.add(
                        pool.submit(
                                () -> {
                                    for (int i = 0; ; i++) {
                                        String id = "d" + i;
                                        try {
                                            HttpResponse<String> r =
                                                    app.send(
                                                            "POST",
                                                            "/operators/" + t + "/deals",
                                                            "analyst",
                                                            PASSWORD,
                                                            Api.smallDeal(id));
                                            if (r.statusCode() == 201) {
                                                acknowledged.get(t).add(id);
                                                if (System.nanoTime() > signalled.get()) {
                                                    servedAfterSignal.incrementAndGet();
                                                }
                                            } else if (r.statusCode() == 503
                                                    && r.headers()
                                                            .firstValue("Retry-After")
                                                            .isPresent()
                                                    && r.headers()
                                                            .firstValue("Content-Type")
                                                            .orElse("")
                                                            .startsWith(
                                                                    "application/problem+json")) {
                                                refused.incrementAndGet();
                                                // As a client should: wait as long as it says.
                                                Thread.sleep(
                                                        1000L
                                                                * Long.parseLong(
                                                                        r.headers()
                                                                                .firstValue(
                                                                                        "Retry-After")
                                                                                .get()));
                                            } else {
                                                refusedWithout.add(r.statusCode() + " " + r.body());
                                            }
                                        } catch (ConnectException gone) {
                                            return null; // the service no longer listens
                                        } catch (IOException e) {
                                            cut.add(
                                                    t
                                                            + " "
                                                            + id
                                                            + " at "
                                                            + (System.nanoTime() - signalled.get())
                                                                    / 1_000_000
                                                            + " ms after the signal: "
                                                            + e);
                                            // a cut connection: the next request finds out
                                            // whether the service is gone
                                        }
                                    }
                                }));
            }
            Thread.sleep(1000);
            long started = System.nanoTime();
            signalled.set(started);
            app.terminate();
            while (System.nanoTime() - started < 3_000_000_000L) {
                try {
                    if (app.get("/q/health/ready").statusCode() == 503) {
                        readinessDown = System.nanoTime() - started;
                        break;
                    }
                } catch (IOException gone) {
                    break;
                }
                Thread.sleep(50);
            }
            assertThat(app.waitForExit(Duration.ofSeconds(30))).isTrue();
            stop = Duration.ofNanos(System.nanoTime() - started);
            for (Future<?> f : writers) {
                f.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();
        }
        System.out.printf(
                "SIGTERM under %d writers: stopped in %d ms, readiness DOWN after %d ms, %d writes"
                        + " acknowledged during the delay, %d refused with 503, %d cut%n",
                WRITERS,
                stop.toMillis(),
                readinessDown / 1_000_000,
                servedAfterSignal.get(),
                refused.get(),
                cut.size());
        assertThat(readinessDown)
                .as("readiness DOWN within 2 s of the signal, well inside the delay")
                .isBetween(0L, 2_000_000_000L);
        assertThat(stop).as("the stop").isLessThanOrEqualTo(Duration.ofSeconds(15));
        assertThat(cut).as("requests cut").isEmpty();
        assertThat(refusedWithout).as("answers but 201 or a 503 problem").isEmpty();
        assertThat(servedAfterSignal.get()).as("writes served during the delay").isPositive();
        assertThat(refused.get()).as("new writes refused after the delay").isPositive();

        // Every acknowledged deal is in the store the service closed.
        try (Connection c =
                        DriverManager.getConnection(
                                "jdbc:h2:file:" + data.toAbsolutePath().resolve("tiering"),
                                "tiering",
                                "tiering");
                PreparedStatement q =
                        c.prepareStatement("SELECT profile_json FROM operator WHERE ticker = ?")) {
            for (var e : acknowledged.entrySet()) {
                q.setString(1, e.getKey());
                try (ResultSet rs = q.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    Set<String> ids = new HashSet<>();
                    JSON.readTree(rs.getString(1))
                            .get("deals")
                            .forEach(d -> ids.add(d.get("id").asText()));
                    assertThat(ids).as("deals of %s", e.getKey()).containsAll(e.getValue());
                }
            }
        }
    }
}
