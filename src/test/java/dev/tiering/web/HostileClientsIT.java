package dev.tiering.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiering.PackagedApp;
import dev.tiering.store.Api;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service against clients that misbehave at the connection level: hundreds of bodies
 * sent a byte at a time, uploads cut off half-way, and a store rewritten many times before a normal
 * stop. The first two share one running service (each reads the log it caused); the third stops and
 * starts one of its own.
 */
class HostileClientsIT {
    private static final String PASSWORD = "hostile-secret";
    private static final Map<String, String> ENV =
            Map.of("TIERING_ANALYST_PASSWORD", PASSWORD, "TIERING_ADMIN_PASSWORD", PASSWORD);

    /**
     * Long enough for the three rounds of normal requests below to end while the slow bodies
     * trickle.
     */
    private static final Duration BODY_TIMEOUT = Duration.ofSeconds(5);

    @TempDir static Path sharedData;
    private static PackagedApp shared;

    @TempDir Path data;

    @BeforeAll
    static void start() throws Exception {
        shared =
                new PackagedApp(sharedData, ENV)
                        .withoutRuleChecker()
                        .property("tiering.http.body-timeout", BODY_TIMEOUT.toString())
                        .start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (shared != null) {
            shared.close();
        }
    }

    @Test
    void three_hundred_slow_bodies_neither_stall_other_requests_nor_stay_open() throws Exception {
        PackagedApp app = shared;
        int logFrom = app.log().length();
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                Socket s = new Socket("localhost", app.port());
                s.setSoTimeout(30_000);
                OutputStream out = s.getOutputStream();
                out.write(
                        ("POST /classify HTTP/1.1\r\n"
                                        + "Host: localhost\r\n"
                                        + "Content-Type: application/json\r\n"
                                        + "Content-Length: 1000\r\n\r\n"
                                        + "{")
                                .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                slow.add(s);
            }
            // While they trickle, a normal request of each kind answers as usual.
            for (int round = 0; round < 3; round++) {
                for (Socket s : slow) {
                    s.getOutputStream().write(' ');
                    s.getOutputStream().flush();
                }
                long started = System.nanoTime();
                HttpResponse<String> classify =
                        app.send("POST", "/classify", null, null, Api.profile("FAST"));
                assertThat(classify.statusCode()).isEqualTo(200);
                assertThat(app.get("/operators").statusCode()).isEqualTo(200);
                assertThat(app.get("/q/health").statusCode()).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - started))
                        .isLessThan(Duration.ofSeconds(2));
                Thread.sleep(500);
            }
            // At the body timeout, the slow ones are answered 408 and closed: each read below
            // ends when its connection does (or fails the test after the socket's 30 s).
            int timedOut = 0;
            for (Socket s : slow) {
                String reply = readAll(s.getInputStream());
                if (reply.startsWith("HTTP/1.1 408")) {
                    timedOut++;
                }
            }
            assertThat(timedOut).isEqualTo(300);
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
        assertThat(app.log().substring(logFrom)).doesNotContain("ERROR");
    }

    @Test
    void uploads_cut_off_half_way_leave_at_most_a_short_line_in_the_log() throws Exception {
        PackagedApp app = shared;
        int logFrom = app.log().length();
        String body =
                "["
                        + String.join(",", java.util.Collections.nCopies(400, Api.profile("CUT")))
                        + "]";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 20; i++) {
            try (Socket s = new Socket("localhost", app.port())) {
                OutputStream out = s.getOutputStream();
                out.write(
                        ("POST /classify/batch HTTP/1.1\r\n"
                                        + "Host: localhost\r\n"
                                        + "Content-Type: application/json\r\n"
                                        + "Content-Length: "
                                        + bytes.length
                                        + "\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                out.write(bytes, 0, bytes.length / 2);
                out.flush();
                s.setSoLinger(true, 0); // reset, as a client that dies does
            }
        }
        Thread.sleep(1000); // time for the service to log whatever the resets make it log
        assertThat(app.get("/q/health").statusCode()).isEqualTo(200);
        String log = app.log().substring(logFrom);
        assertThat(log).doesNotContain("ERROR").doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void a_normal_stop_compacts_the_database_file() throws Exception {
        Path file = data.resolve("tiering.mv.db");
        long running;
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try (PackagedApp app = new PackagedApp(data, ENV).withoutRuleChecker().start()) {
            // Round after round, every operator rewritten: the 40 of a round on a few connections
            // at once, so that both cores of a small machine write.
            for (int round = 0; round < 15; round++) {
                List<Future<Integer>> puts = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    String t = "C" + i;
                    String profile =
                            Api.example("IREN", t)
                                    .replace("\"IREN Limited\"", "\"IREN round " + round + "\"");
                    puts.add(
                            writers.submit(
                                    () ->
                                            app.send(
                                                            "PUT",
                                                            "/operators/" + t,
                                                            "analyst",
                                                            PASSWORD,
                                                            profile)
                                                    .statusCode()));
                }
                for (Future<Integer> put : puts) {
                    assertThat(put.get()).isIn(200, 201);
                }
            }
            running = Files.size(file);
            app.stop();
            // A normal run and stop warns of nothing (a pooled connection handed back after the
            // SHUTDOWN used to make Agroal warn that the database was closed, at every stop).
            assertThat(app.log().lines())
                    .as("warnings and errors of a normal run and stop")
                    .noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR "))
                    .anyMatch(line -> line.contains("Compacted and closed the database"));
        } finally {
            writers.shutdownNow();
        }
        long stopped = Files.size(file);
        assertThat(stopped)
                .as("file after a normal stop (%d bytes while running)", running)
                .isLessThan(running);
        try (PackagedApp again = new PackagedApp(data, ENV).withoutRuleChecker().start()) {
            assertThat(again.get("/operators").body()).contains("IREN round 14");
        }
    }

    private static String readAll(InputStream in) throws IOException {
        try {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }
}
