package dev.tiering.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiering.cluster.Reclassifier;
import dev.tiering.config.WarmupConfig;
import dev.tiering.lifecycle.ActiveRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Warms the service up before it says it is ready. A fresh JVM runs every request path interpreted
 * at first; the first ten seconds of load served at about a third of the steady rate
 * (BENCHMARKS.md, second round). So once the rules are loaded the service sends itself the requests
 * it will serve (single and batch classifications of stored operators and of the scenarios'
 * profiles, over loopback HTTP, through the whole stack), one sender per core, until the rate of a
 * second stops rising or the budget is spent, and only then reports ready: a load balancer sends
 * nothing before. Liveness is unaffected. The warm-up requests show in the HTTP metrics like any
 * others.
 */
@Readiness
@ApplicationScoped
public class StartWarmup implements HealthCheck {
    private static final Logger LOG = Logger.getLogger(StartWarmup.class);

    /** A second's rate within this of the best second so far counts as no higher. */
    static final double SETTLED = 1.05;

    static final int SETTLED_SECONDS = 3;
    static final Duration MIN = Duration.ofSeconds(5);
    private static final int BATCH = 100;

    private final WarmupConfig config;
    private final ActiveRules rules;
    private final Reclassifier store;
    private final ObjectMapper json;

    private volatile String state = "not started";
    private volatile boolean done;
    private volatile boolean stop;

    public StartWarmup(
            WarmupConfig config, ActiveRules rules, Reclassifier store, ObjectMapper json) {
        this.config = config;
        this.rules = rules;
        this.store = store;
        this.json = json;
        this.done = !config.enabled();
    }

    /** Starts warming up on a thread of its own; readiness is down until it ends. */
    void start() {
        if (done) {
            return;
        }
        Thread t = new Thread(this::run, "tiering-warmup");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public HealthCheckResponse call() {
        var b = HealthCheckResponse.named("warm-up").withData("state", state);
        return done ? b.up().build() : b.down().build();
    }

    private void run() {
        long started = System.nanoTime();
        try {
            state = "warming up";
            warm();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            state = "interrupted";
        } catch (RuntimeException | IOException e) {
            LOG.warnf(e, "Warming up failed; ready without it");
            state = "failed: " + e.getMessage();
        } finally {
            done = true;
            LOG.infof(
                    "Ready after warming up for %d ms: %s",
                    (System.nanoTime() - started) / 1_000_000, state);
        }
    }

    private void warm() throws IOException, InterruptedException {
        List<String> bodies = bodies();
        if (bodies.isEmpty()) {
            state = "nothing to warm up with";
            return;
        }
        URI base = base();
        HttpClient client =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
        awaitListening(client, base);
        String batch =
                "[" + String.join(",", bodies.subList(0, Math.min(BATCH, bodies.size()))) + "]";
        AtomicLong answered = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long deadline = System.nanoTime() + config.startBudget().toNanos();
        List<Thread> senders = new ArrayList<>();
        int cores = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < cores; i++) {
            int offset = i;
            Thread t =
                    new Thread(
                            () ->
                                    send(
                                            client, base, bodies, batch, offset, deadline, answered,
                                            failed),
                            "tiering-warmup-" + i);
            t.setDaemon(true);
            senders.add(t);
            t.start();
        }
        double best = 0;
        double first = -1;
        double rate = 0;
        int noHigher = 0;
        long begin = System.nanoTime();
        long last = answered.get();
        while (System.nanoTime() < deadline && noHigher < SETTLED_SECONDS) {
            Thread.sleep(1000);
            long now = answered.get();
            rate = now - last;
            last = now;
            if (first < 0) {
                first = rate;
            }
            if (now == 0
                    && failed.get() > 0
                    && System.nanoTime() - begin > Duration.ofSeconds(3).toNanos()) {
                throw new IOException("the service does not answer its own requests at " + base);
            }
            boolean warmEnough = System.nanoTime() - begin >= MIN.toNanos();
            noHigher = warmEnough && rate <= best * SETTLED ? noHigher + 1 : 0;
            best = Math.max(best, rate);
        }
        stop = true; // no interrupt: one landing while a class loads can break Quarkus' class
        // loader for that jar
        for (Thread t : senders) {
            t.join(15_000);
        }
        state =
                String.format(
                        Locale.ROOT,
                        "%d requests, %.0f/s in the first second, %.0f/s in the last%s",
                        answered.get(),
                        first,
                        rate,
                        noHigher >= SETTLED_SECONDS ? "" : " (budget spent)");
    }

    /** The HTTP server may open its port a moment after the start-up sequence ends. */
    private static void awaitListening(HttpClient client, URI base)
            throws IOException, InterruptedException {
        HttpRequest live =
                HttpRequest.newBuilder(base.resolve("/q/health/live"))
                        .timeout(Duration.ofSeconds(2))
                        .build();
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                client.send(live, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                if (System.nanoTime() > until) {
                    throw new IOException("nothing listens at " + base, e);
                }
                Thread.sleep(100);
            }
        }
    }

    private void send(
            HttpClient client,
            URI base,
            List<String> bodies,
            String batch,
            int offset,
            long deadline,
            AtomicLong answered,
            AtomicLong failed) {
        URI single = base.resolve("/classify");
        URI many = base.resolve("/classify/batch");
        for (int n = offset; System.nanoTime() < deadline && !stop; n++) {
            boolean isBatch = n % 50 == 49;
            HttpRequest request =
                    HttpRequest.newBuilder(isBatch ? many : single)
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json")
                            .POST(
                                    HttpRequest.BodyPublishers.ofString(
                                            isBatch ? batch : bodies.get(n % bodies.size()),
                                            StandardCharsets.UTF_8))
                            .build();
            try {
                HttpResponse<Void> r = client.send(request, HttpResponse.BodyHandlers.discarding());
                (r.statusCode() == 200 ? answered : failed).incrementAndGet();
            } catch (IOException e) {
                failed.incrementAndGet();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Stored operators' profiles, or where none are stored the active rule set's scenario profiles.
     */
    private List<String> bodies() throws IOException {
        List<String> out = new ArrayList<>();
        for (var p : store.sample(config.sample())) {
            out.add(json.writeValueAsString(p));
        }
        for (byte[] scenario : rules.current().sources().scenarios().values()) {
            try {
                JsonNode profile = json.readTree(scenario).get("profile");
                if (profile != null) {
                    out.add(json.writeValueAsString(profile));
                }
            } catch (IOException e) {
                // a scenario that does not parse was refused with the rules; nothing to warm with
                // here
            }
        }
        return out;
    }

    private static URI base() {
        var config = ConfigProvider.getConfig();
        String host =
                config.getOptionalValue("quarkus.http.host", String.class).orElse("localhost");
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        }
        int port = config.getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
    }
}
