package dev.tiering.lifecycle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * No request fails during a swap: four threads classify in a loop while the rule folder is edited
 * and reloaded twenty times, each reload a real compile and swap.
 */
@QuarkusTest
@TestProfile(RulesCopy.SeededStore.class)
class ReloadUnderLoadTest {
    private static final Pattern VERSION =
            Pattern.compile("\"ruleSet\":\\{\"version\":\"([0-9a-f]+)\"");

    @TestHTTPResource("/classify")
    URI classify;

    @AfterEach
    void restore() {
        RulesCopy.restore(RulesCopy.dir());
        given().auth()
                .preemptive()
                .basic("admin", "admin-secret")
                .post("/rules/reload")
                .then()
                .statusCode(200);
    }

    @Test
    void classifying_from_four_threads_during_twenty_reloads_never_fails() throws Exception {
        String iren = Files.readString(Path.of("examples", "IREN.json"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        Set<String> versionsSeen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> clients = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            clients.add(
                    pool.submit(
                            () -> {
                                while (running.get()) {
                                    try {
                                        HttpResponse<String> r =
                                                http.send(
                                                        HttpRequest.newBuilder(classify)
                                                                .timeout(Duration.ofSeconds(30))
                                                                .header(
                                                                        "Content-Type",
                                                                        "application/json")
                                                                .POST(
                                                                        HttpRequest.BodyPublishers
                                                                                .ofString(iren))
                                                                .build(),
                                                        HttpResponse.BodyHandlers.ofString());
                                        Matcher v = VERSION.matcher(r.body());
                                        if (r.statusCode() != 200
                                                || !r.body().contains("\"tier\":\"TIER_1\"")
                                                || !v.find()) {
                                            failures.add(r.statusCode() + " " + r.body());
                                        } else {
                                            versionsSeen.add(v.group(1));
                                            ok.incrementAndGet();
                                        }
                                    } catch (Exception e) {
                                        failures.add(e.toString());
                                    }
                                    // A breath between requests: back to back, four clients
                                    // took the CPU of a 2-core machine from the reloads they are
                                    // meant to overlap (about 2,500 requests over the twenty
                                    // swaps instead of 6,000, the reloads a third faster).
                                    try {
                                        Thread.sleep(10);
                                    } catch (InterruptedException e) {
                                        return;
                                    }
                                }
                            }));
        }

        Path tiers = RulesCopy.dir().resolve("tiers.drl");
        String original = Files.readString(tiers);
        try {
            for (int i = 1; i <= 20; i++) {
                Files.writeString(tiers, original + "\n// reload " + i + "\n");
                given().auth()
                        .preemptive()
                        .basic("admin", "admin-secret")
                        .post("/rules/reload")
                        .then()
                        .statusCode(200);
            }
        } finally {
            running.set(false);
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        for (Future<?> c : clients) {
            c.get();
        }

        assertThat(failures).isEmpty();
        assertThat(ok.get()).isGreaterThan(20);
        assertThat(versionsSeen).as("rule-set versions seen by the clients").hasSizeGreaterThan(1);
    }
}
