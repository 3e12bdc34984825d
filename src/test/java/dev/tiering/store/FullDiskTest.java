package dev.tiering.store;

import static dev.tiering.store.Api.analyst;
import static dev.tiering.store.Api.anonymous;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded database's disk fills under a running service: writes answer 503 with Retry-After
 * and a problem naming the data folder, reads go on answering 200, readiness says DOWN with the
 * reason and liveness stays UP, and once there is room again writes go through within seconds with
 * no restart. Nothing acknowledged is lost; nothing refused is stored.
 */
@QuarkusTest
@TestProfile(FullDisk.Profile.class)
class FullDiskTest {

    /** This test's operator, deleted whatever happens: the migration test counts them all. */
    private String ticker;

    @AfterEach
    void room() {
        FullDisk.empty();
        if (ticker != null) {
            analyst().delete("/operators/" + ticker);
        }
    }

    @Test
    void a_full_disk_refuses_writes_with_503_serves_reads_and_heals_without_a_restart()
            throws Exception {
        String t = Api.ticker("FULL");
        ticker = t;
        analyst().body(Api.profile(t)).put("/operators/" + t).then().statusCode(201);
        analyst()
                .body(Api.smallDeal("before"))
                .post("/operators/" + t + "/deals")
                .then()
                .statusCode(201);

        FullDisk.fill();
        // Readers all along: not one of them may see anything but 200.
        AtomicBoolean reading = new AtomicBoolean(true);
        ExecutorService readers = Executors.newFixedThreadPool(2);
        List<Future<List<Integer>>> reads = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            reads.add(
                    readers.submit(
                            () -> {
                                List<Integer> statuses = new ArrayList<>();
                                while (reading.get()) {
                                    // Each read closes its connection: RestAssured leaves it open
                                    // until a GC, and a few seconds of reads in a loop reached the
                                    // service's 1,000-connection limit, over which it drops new
                                    // connections unanswered.
                                    statuses.add(
                                            anonymous()
                                                    .header("Connection", "close")
                                                    .get("/operators/" + t)
                                                    .statusCode());
                                    Thread.sleep(5);
                                }
                                return statuses;
                            }));
        }

        Response refused =
                analyst().body(Api.smallDeal("refused")).post("/operators/" + t + "/deals");
        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("10");
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.jsonPath().getString("detail"))
                .contains("data folder", "no room for a write", "No space left on device");
        // The next write is refused before it starts, with the same problem.
        Response again =
                analyst().body(Api.smallDeal("refused-2")).post("/operators/" + t + "/deals");
        assertThat(again.statusCode()).isEqualTo(503);
        assertThat(again.header("Retry-After")).isEqualTo("10");

        Response ready = given().get("/q/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.jsonPath().getString("checks.find { it.name == 'store' }.status"))
                .isEqualTo("DOWN");
        assertThat(ready.jsonPath().getString("checks.find { it.name == 'store' }.data.reason"))
                .isEqualTo("STORAGE_FULL");
        given().get("/q/health/live").then().statusCode(200);
        String metrics = given().get("/q/metrics").asString();
        assertThat(metrics).contains("tiering_store_up 0.0");
        assertThat(metric(metrics, "tiering_store_errors_total{reason=\"storage_full\"}"))
                .isGreaterThanOrEqualTo(2);
        assertThat(metrics).contains("tiering_data_free_bytes", "tiering_data_min_free_bytes");
        // What needs no store still answers.
        anonymous()
                .body(Files.readString(Path.of("examples", "IREN.json")))
                .post("/classify")
                .then()
                .statusCode(200);
        Thread.sleep(2500); // the probe tries, and fails, at least twice meanwhile

        FullDisk.empty();
        long deadline = System.nanoTime() + 10_000_000_000L;
        int status = 0;
        while (System.nanoTime() < deadline) {
            Response r = analyst().body(Api.smallDeal("after")).post("/operators/" + t + "/deals");
            status = r.statusCode();
            if (status != 503) {
                break;
            }
            assertThat(r.header("Retry-After")).isNotNull();
            Thread.sleep(200);
        }
        assertThat(status).as("a write within 10 s of room again").isEqualTo(201);
        reading.set(false);
        List<Integer> seen = new ArrayList<>();
        for (Future<List<Integer>> f : reads) {
            seen.addAll(f.get());
        }
        readers.shutdown();
        assertThat(seen).isNotEmpty().containsOnly(200);

        given().get("/q/health/ready").then().statusCode(200);
        assertThat(anonymous().get("/operators/" + t).jsonPath().getList("profile.deals.id"))
                .containsExactly("before", "after");
        assertThat(given().get("/q/metrics").asString()).contains("tiering_store_up 1.0");
        analyst().delete("/operators/" + t).then().statusCode(204);
        ticker = null;
    }

    private static double metric(String text, String name) {
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        throw new AssertionError(name + " not in the metrics");
    }
}
