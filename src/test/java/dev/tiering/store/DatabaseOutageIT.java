package dev.tiering.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiering.PackagedApp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
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
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped for about ten seconds and started again under six writers spread over two
 * replicas, through the packaged service with its shipped settings: while it is away every write
 * that fails is a 503 with Retry-After and a problem naming the database (never a 500, never a cut
 * connection), readiness is DOWN and what needs no store keeps answering; once it accepts
 * connections again every write goes through; and every write acknowledged with a 201 is stored. A
 * PostgreSQL of its own (not the suite's shared one), on a data folder that outlives its stop.
 */
class DatabaseOutageIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "outage-analyst-pw";
    private static final int WRITERS = 6;

    @TempDir Path temp;
    private EmbeddedPostgres pg;
    private int port;

    @AfterEach
    void stopDatabase() throws IOException {
        if (pg != null) {
            pg.close();
        }
    }

    private void startDatabase() throws IOException {
        EmbeddedPostgres.Builder builder =
                EmbeddedPostgres.builder()
                        .setDataDirectory(temp.resolve("pg"))
                        .setCleanDataDirectory(false);
        if (port != 0) {
            builder.setPort(port);
        }
        pg = builder.start();
        port = pg.getPort();
    }

    /** A request's outcome, as the client saw it. */
    record Seen(long sentAt, int status, String retryAfter, String type, String body) {}

    @Test
    void postgresql_away_and_back_costs_503s_to_retry_and_no_acknowledged_write() throws Exception {
        startDatabase();
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE ROLE tiering LOGIN PASSWORD 'outage-db-pw'");
            s.execute("CREATE DATABASE tiering OWNER tiering");
        }
        Map<String, String> env = new HashMap<>();
        env.put("TIERING_DB_URL", "jdbc:postgresql://localhost:" + port + "/tiering");
        env.put("TIERING_DB_USER", "tiering");
        env.put("TIERING_DB_PASSWORD", "outage-db-pw");
        env.put("TIERING_ANALYST_PASSWORD", PASSWORD);
        env.put("TIERING_ADMIN_PASSWORD", "outage-admin-pw");

        try (PackagedApp app =
                        new PackagedApp(temp.resolve("app"), env).withoutRuleChecker().start();
                PackagedApp other =
                        new PackagedApp(temp.resolve("other"), env).withoutRuleChecker().start()) {
            List<PackagedApp> replicas = List.of(app, other);
            for (int w = 0; w < WRITERS; w++) {
                assertThat(put(app, "OUT-" + w).statusCode()).isEqualTo(201);
            }
            Map<String, Set<String>> acknowledged = new ConcurrentHashMap<>();
            ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> cut = new ConcurrentLinkedQueue<>();
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                String t = "OUT-" + w;
                PackagedApp to = replicas.get(w % 2);
                acknowledged.put(t, ConcurrentHashMap.newKeySet());
                writers.add(
                        pool.submit(
                                () -> {
                                    for (int i = 0; writing.get(); i++) {
                                        String id = "d" + i;
                                        long sent = System.nanoTime();
                                        try {
                                            HttpResponse<String> r =
                                                    to.send(
                                                            "POST",
                                                            "/operators/" + t + "/deals",
                                                            "analyst",
                                                            PASSWORD,
                                                            Api.smallDeal(id));
                                            seen.add(seen(sent, r));
                                            if (r.statusCode() == 201) {
                                                acknowledged.get(t).add(id);
                                            } else {
                                                Thread.sleep(50);
                                            }
                                        } catch (IOException e) {
                                            cut.add(t + " " + id + ": " + e);
                                        }
                                    }
                                    return null;
                                }));
            }
            Thread.sleep(1500);
            pg.close();
            pg = null;
            long away = System.nanoTime();
            // While it is away: readiness says so, and classifying needs no store.
            Thread.sleep(1000);
            for (PackagedApp r : replicas) {
                assertThat(r.get("/q/health/ready").statusCode()).isEqualTo(503);
            }
            assertThat(
                            app.send(
                                            "POST",
                                            "/classify",
                                            null,
                                            null,
                                            java.nio.file.Files.readString(
                                                    Path.of("examples", "IREN.json")))
                                    .statusCode())
                    .isEqualTo(200);
            assertThat(other.get("/operators/OUT-0").statusCode()).isEqualTo(503);
            // Away for about ten seconds in all, as a failover takes.
            Thread.sleep(Math.max(0, 9_000 - (System.nanoTime() - away) / 1_000_000));
            startDatabase();
            long back = System.nanoTime();
            Thread.sleep(3000);
            writing.set(false);
            for (Future<?> f : writers) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();

            long firstBack =
                    seen.stream()
                            .filter(x -> x.status() == 201 && x.sentAt() > back)
                            .mapToLong(x -> (x.sentAt() - back) / 1_000_000)
                            .min()
                            .orElse(-1);
            System.out.printf(
                    "PostgreSQL away %d ms under %d writers on 2 replicas: %d writes acknowledged,"
                            + " %d answered 503, %d other; first write acknowledged %d ms after it"
                            + " accepted connections again%n",
                    (back - away) / 1_000_000,
                    WRITERS,
                    seen.stream().filter(x -> x.status() == 201).count(),
                    seen.stream().filter(x -> x.status() == 503).count(),
                    seen.stream().filter(x -> x.status() != 201 && x.status() != 503).count()
                            + cut.size(),
                    firstBack);
            assertThat(cut).as("requests cut").isEmpty();
            List<Seen> failed = seen.stream().filter(s -> s.status() != 201).toList();
            assertThat(failed).as("writes refused while the database was away").isNotEmpty();
            for (Seen s : failed) {
                assertThat(s.status()).as(s.body()).isEqualTo(503);
                assertThat(s.retryAfter()).as(s.body()).isNotNull();
                assertThat(s.type()).startsWith("application/problem+json");
                assertThat(JSON.readTree(s.body()).get("detail").asText())
                        .contains("store is unavailable");
                assertThat(s.sentAt())
                        .as("a write sent 2 s or more after the database was back failed: %s", s)
                        .isLessThan(back + 2_000_000_000L);
                assertThat(s.sentAt()).isGreaterThan(away - 1_000_000_000L);
            }
            assertThat(seen.stream().filter(s -> s.sentAt() > back + 2_000_000_000L).count())
                    .as("writes after the database was back")
                    .isGreaterThan(0);
            for (PackagedApp r : replicas) {
                assertThat(r.get("/q/health/ready").statusCode()).isEqualTo(200);
            }

            // A restart under a pool of idle connections: not one of them is handed out dead.
            pg.close();
            pg = null;
            startDatabase();
            Thread.sleep(1200);
            List<Future<Integer>> burst = new ArrayList<>();
            ExecutorService thirty = Executors.newFixedThreadPool(WRITERS);
            for (int i = 0; i < 30; i++) {
                String t = "OUT-" + (i % WRITERS);
                String id = "burst-" + i;
                PackagedApp to = replicas.get(i % 2);
                burst.add(
                        thirty.submit(
                                () -> {
                                    HttpResponse<String> r =
                                            to.send(
                                                    "POST",
                                                    "/operators/" + t + "/deals",
                                                    "analyst",
                                                    PASSWORD,
                                                    Api.smallDeal(id));
                                    if (r.statusCode() == 201) {
                                        acknowledged.get(t).add(id);
                                    }
                                    return r.statusCode();
                                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : burst) {
                statuses.add(f.get(60, TimeUnit.SECONDS));
            }
            thirty.shutdown();
            assertThat(statuses).as("30 writes after a restart").containsOnly(201);

            for (String t : acknowledged.keySet()) {
                HttpResponse<String> stored = app.get("/operators/" + t);
                assertThat(stored.statusCode()).isEqualTo(200);
                Set<String> ids = new HashSet<>();
                JSON.readTree(stored.body())
                        .get("profile")
                        .get("deals")
                        .forEach(d -> ids.add(d.get("id").asText()));
                assertThat(ids).as("deals of %s", t).containsAll(acknowledged.get(t));
            }
            assertThat(app.log()).doesNotContain("Request failed");
            assertThat(other.log()).doesNotContain("Request failed");
        }
    }

    private static HttpResponse<String> put(PackagedApp app, String t) throws Exception {
        return app.send("PUT", "/operators/" + t, "analyst", PASSWORD, Api.profile(t));
    }

    private static Seen seen(long sent, HttpResponse<String> r) {
        return new Seen(
                sent,
                r.statusCode(),
                r.headers().firstValue("Retry-After").orElse(null),
                r.headers().firstValue("Content-Type").orElse(""),
                r.statusCode() == 201 ? "" : r.body());
    }
}
