package dev.tiering.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiering.config.WarmupConfig;
import dev.tiering.lifecycle.ActiveRules;
import dev.tiering.store.Reclassifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
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
 * Warms the service up before it says it is ready. A fresh JVM runs every request path interpreted at first; the
 * first ten seconds of load served at about a third of the steady rate (BENCHMARKS.md, second round). So once the
 * rules are loaded the service sends itself the requests it will serve (single and batch classifications of stored
 * operators and of the scenarios' profiles, over loopback HTTP, through the whole stack), one sender per core,
 * until the rate of a second stops rising or the budget is spent, and only then reports ready: a load balancer
 * sends nothing before. Liveness is unaffected. The warm-up requests show in the HTTP metrics like any others.
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

    public StartWarmup(WarmupConfig config, ActiveRules rules, Reclassifier store, ObjectMapper json) {
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
            LOG.infof("Ready after warming up for %d ms: %s", (System.nanoTime() - started) / 1_000_000, state);
        }
    }

    private void warm() throws IOException, InterruptedException {
        List<String> bodies = bodies();
        if (bodies.isEmpty()) {
            state = "nothing to warm up with";
            return;
        }
        URI base = base();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        awaitListening(client, base);
        String batch = "[" + String.join(",", bodies.subList(0, Math.min(BATCH, bodies.size()))) + "]";
        AtomicLong answered = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long deadline = System.nanoTime() + config.startBudget().toNanos();
        List<Thread> senders = new ArrayList<>();
        int cores = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < cores; i++) {
            int offset = i;
            Thread t = new Thread(() -> send(base, bodies, batch, offset, deadline, answered, failed),
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
            if (now == 0 && failed.get() > 0 && System.nanoTime() - begin > Duration.ofSeconds(3).toNanos()) {
                throw new IOException("the service does not answer its own requests at " + base);
            }
            boolean warmEnough = System.nanoTime() - begin >= MIN.toNanos();
            noHigher = warmEnough && rate <= best * SETTLED ? noHigher + 1 : 0;
            best = Math.max(best, rate);
        }
        stop = true; // no interrupt: one landing while a class loads can break Quarkus' class loader for that jar
        for (Thread t : senders) {
            t.join(15_000);
        }
        state = String.format(Locale.ROOT, "%d requests, %.0f/s in the first second, %.0f/s in the last%s",
                answered.get(), first, rate, noHigher >= SETTLED_SECONDS ? "" : " (budget spent)");
    }

    /** The HTTP server may open its port a moment after the start-up sequence ends. */
    private static void awaitListening(HttpClient client, URI base) throws IOException, InterruptedException {
        HttpRequest live = HttpRequest.newBuilder(base.resolve("/q/health/live")).timeout(Duration.ofSeconds(2))
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

    /**
     * Sends classifications on one keep-alive connection until the deadline: plain HTTP/1.1 over a socket, because
     * the JDK's client spent more CPU per request than the service (2,000 requests/s was all it reached).
     */
    private void send(URI base, List<String> bodies, String batch, int offset, long deadline, AtomicLong answered,
            AtomicLong failed) {
        byte[][] singles = new byte[bodies.size()][];
        for (int i = 0; i < singles.length; i++) {
            singles[i] = bodies.get(i).getBytes(StandardCharsets.UTF_8);
        }
        byte[] many = batch.getBytes(StandardCharsets.UTF_8);
        Socket socket = null;
        InputStream in = null;
        try {
            for (int n = offset; System.nanoTime() < deadline && !stop; n++) {
                boolean isBatch = n % 50 == 49;
                byte[] body = isBatch ? many : singles[n % singles.length];
                try {
                    if (socket == null) {
                        socket = new Socket(base.getHost(), base.getPort());
                        socket.setTcpNoDelay(true);
                        socket.setSoTimeout(10_000);
                        in = new BufferedInputStream(socket.getInputStream());
                    }
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST " + (isBatch ? "/classify/batch" : "/classify") + " HTTP/1.1\r\nHost: "
                            + base.getHost() + ":" + base.getPort() + "\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                    Reply reply = Reply.read(in);
                    (reply.status() == 200 ? answered : failed).incrementAndGet();
                    if (reply.close()) {
                        socket.close();
                        socket = null;
                    }
                } catch (IOException e) {
                    failed.incrementAndGet();
                    closeQuietly(socket);
                    socket = null;
                    sleepQuietly();
                }
            }
        } finally {
            closeQuietly(socket);
        }
    }

    /** The status of one HTTP/1.1 answer, its body read and dropped, and whether the server closes after it. */
    record Reply(int status, boolean close) {
        static Reply read(InputStream in) throws IOException {
            String statusLine = line(in);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP answer: " + statusLine);
            }
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).strip());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line(in).split(";", 2)[0].strip(), 16); size > 0;
                        size = Long.parseLong(line(in).split(";", 2)[0].strip(), 16)) {
                    skip(in, size);
                    line(in);
                }
                while (!line(in).isEmpty()) {
                    // trailers
                }
            } else if (length > 0) {
                skip(in, length);
            }
            return new Reply(Integer.parseInt(parts[1]), close);
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder b = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }

        private static void skip(InputStream in, long n) throws IOException {
            byte[] buffer = new byte[8192];
            while (n > 0) {
                int r = in.read(buffer, 0, (int) Math.min(buffer.length, n));
                if (r < 0) {
                    throw new IOException("connection closed");
                }
                n -= r;
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stored operators' profiles, or where none are stored the active rule set's scenario profiles. */
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
                // a scenario that does not parse was refused with the rules; nothing to warm with here
            }
        }
        return out;
    }

    private static URI base() {
        var config = ConfigProvider.getConfig();
        String host = config.getOptionalValue("quarkus.http.host", String.class).orElse("localhost");
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        }
        int port = config.getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
    }
}
