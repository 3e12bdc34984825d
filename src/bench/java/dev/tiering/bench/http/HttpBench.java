package dev.tiering.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiering.bench.Seed;
import dev.tiering.model.OperatorProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The HTTP and reload benchmarks of bench/run.sh against a running service on 127.0.0.1. Every command prints
 * one {@code RESULT name key=value ...} line that the script collects into its summary.
 *
 * <pre>
 * rate    PORT RATE WARMUP_S SECONDS [CONNECTIONS]  POST /classify at a fixed rate (open model, latency from the
 *                                                   intended send time, so a stall counts for every request it
 *                                                   delays, as in wrk2)
 * batch   PORT SECONDS [CONNECTIONS]                POST /classify/batch of 1000 profiles, back to back
 * fleet   PORT COUNT [CONNECTIONS]                  PUT COUNT distinct operators (analyst)
 * reload  PORT RULES_DIR COUNT                      COUNT times: edit a rule file, POST /rules/reload (admin)
 * watch   PORT RULES_DIR COUNT                      COUNT times: edit a rule file, poll GET /rules until live
 * </pre>
 *
 * Passwords come from TIERING_ANALYST_PASSWORD and TIERING_ADMIN_PASSWORD.
 */
public final class HttpBench {
    private static final String HOST = "127.0.0.1";

    private HttpBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: rate|batch|fleet|reload|watch PORT ...");
        }
        int port = Integer.parseInt(args[1]);
        switch (args[0]) {
            case "rate" -> rate(port, Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    args.length > 5 ? Integer.parseInt(args[5]) : 64);
            case "batch" -> batch(port, Integer.parseInt(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 2);
            case "fleet" -> fleet(port, Integer.parseInt(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 4);
            case "reload" -> reload(port, Path.of(args[2]), Integer.parseInt(args[3]));
            case "watch" -> watch(port, Path.of(args[2]), Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    // ---- POST /classify at a fixed rate ----------------------------------------------------------------------

    static void rate(int port, int rate, int warmupSeconds, int seconds, int connections) throws Exception {
        List<OperatorProfile> seed = Seed.profiles();
        List<byte[]> bodies = new ArrayList<>();
        for (OperatorProfile p : seed) {
            bodies.add(Seed.JSON.writeValueAsBytes(p));
        }
        if (warmupSeconds > 0) {
            runAtRate(port, bodies, rate, warmupSeconds, connections);
        }
        Run run = runAtRate(port, bodies, rate, seconds, connections);
        long[] lat = run.latencies();
        Arrays.sort(lat);
        System.out.printf(Locale.ROOT, "RESULT classify_rate target=%d achieved=%.1f requests=%d errors=%d"
                        + " p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f%n",
                rate, run.count / (run.nanos / 1e9), run.count, run.errors, ms(pct(lat, 50)), ms(pct(lat, 90)),
                ms(pct(lat, 99)), ms(pct(lat, 99.9)), ms(lat.length == 0 ? 0 : lat[lat.length - 1]));
    }

    record Run(long[] latencies, int count, int errors, long nanos) {
    }

    /**
     * Request i is due at start + i / rate. A connection takes the next due request, waits for its time, sends it
     * and records the time from when it was due to when the answer arrived: a request that waited for a free
     * connection (the service was slow) is charged for the wait.
     */
    static Run runAtRate(int port, List<byte[]> bodies, int rate, int seconds, int connections) throws Exception {
        int total = rate * seconds;
        long period = 1_000_000_000L / rate;
        long[] latencies = new long[total];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicLong lastDone = new AtomicLong();
        ExecutorService pool = daemons(connections);
        long start = System.nanoTime() + 50_000_000L;
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            running.add(pool.submit(() -> {
                try (RawHttp http = new RawHttp(HOST, port, null, null)) {
                    List<byte[]> requests = bodies.stream().map(b -> http.request("POST", "/classify", b)).toList();
                    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        long due = start + i * period;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                            while (System.nanoTime() < due) {
                                Thread.onSpinWait();
                            }
                        }
                        RawHttp.Response r = http.send(requests.get(i % requests.size()));
                        long done = System.nanoTime();
                        latencies[i] = done - due;
                        lastDone.accumulateAndGet(done, Math::max);
                        if (r.status() != 200) {
                            errors.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        return new Run(latencies, total, errors.get(), lastDone.get() - start);
    }

    // ---- POST /classify/batch ----------------------------------------------------------------------------------

    static void batch(int port, int seconds, int connections) throws Exception {
        List<OperatorProfile> seed = Seed.profiles();
        List<OperatorProfile> thousand = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            thousand.add(seed.get(i % seed.size()));
        }
        byte[] body = Seed.JSON.writeValueAsBytes(thousand);
        // warm-up: a few batches on every connection
        runBatches(port, body, 3, connections);
        Batches b = runBatches(port, body, seconds, connections);
        double secs = b.nanos / 1e9;
        System.out.printf(Locale.ROOT, "RESULT classify_batch body_kb=%d batches=%d errors=%d batch_ms=%.1f"
                        + " profiles_per_s=%.0f%n", body.length / 1024, b.count, b.errors,
                b.count == 0 ? 0 : secs * 1000 * connections / b.count, b.count * 1000 / secs);
    }

    record Batches(int count, int errors, long nanos) {
    }

    static Batches runBatches(int port, byte[] body, int seconds, int connections) throws Exception {
        AtomicInteger count = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = daemons(connections);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            running.add(pool.submit(() -> {
                try (RawHttp http = new RawHttp(HOST, port, null, null)) {
                    byte[] request = http.request("POST", "/classify/batch", body);
                    while (System.nanoTime() < end) {
                        RawHttp.Response r = http.send(request);
                        if (r.status() != 200) {
                            errors.incrementAndGet();
                            if (errors.get() == 1) {
                                System.err.println("batch answered " + r.status() + ": " + r.text());
                            }
                        }
                        count.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        return new Batches(count.get(), errors.get(), System.nanoTime() - start);
    }

    // ---- PUT a fleet of operators ------------------------------------------------------------------------------

    static void fleet(int port, int n, int connections) throws Exception {
        List<OperatorProfile> fleet = Seed.fleet(n);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        String password = env("TIERING_ANALYST_PASSWORD");
        long start = System.nanoTime();
        ExecutorService pool = daemons(connections);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            running.add(pool.submit(() -> {
                try (RawHttp http = new RawHttp(HOST, port, "analyst", password)) {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        OperatorProfile p = fleet.get(i);
                        RawHttp.Response r = http.send("PUT", "/operators/" + p.ticker(),
                                Seed.JSON.writeValueAsBytes(p));
                        if (r.status() != 200 && r.status() != 201) {
                            if (errors.incrementAndGet() == 1) {
                                System.err.println("PUT " + p.ticker() + " answered " + r.status() + ": " + r.text());
                            }
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "RESULT fleet operators=%d errors=%d seconds=%.1f puts_per_s=%.0f%n", n,
                errors.get(), secs, n / secs);
    }

    // ---- reloads -----------------------------------------------------------------------------------------------

    /** Appends a comment to a rule file: a new version of the folder that classifies exactly as before. */
    static void edit(Path rulesDir, int i) throws IOException {
        Path file = rulesDir.resolve("risks.drl");
        String text = Files.readString(file);
        int mark = text.indexOf("\n// bench edit ");
        if (mark >= 0) {
            text = text.substring(0, mark + 1);
        }
        Files.writeString(file, text + (text.endsWith("\n") ? "" : "\n") + "// bench edit " + i + " "
                + System.nanoTime() + "\n");
    }

    static void reload(int port, Path rulesDir, int count) throws Exception {
        String password = env("TIERING_ADMIN_PASSWORD");
        long[] ms = new long[count];
        int changes = 0;
        try (RawHttp http = new RawHttp(HOST, port, "admin", password)) {
            for (int i = 0; i < count; i++) {
                edit(rulesDir, i);
                long t0 = System.nanoTime();
                RawHttp.Response r = http.send("POST", "/rules/reload", null);
                ms[i] = (System.nanoTime() - t0) / 1_000_000;
                if (r.status() != 200) {
                    throw new IllegalStateException("reload answered " + r.status() + ": " + r.text());
                }
                JsonNode report = Seed.JSON.readTree(r.body());
                changes = report.path("changes").size();
            }
        }
        long[] sorted = ms.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "RESULT reload count=%d first_ms=%d median_ms=%d max_ms=%d last_changes=%d%n",
                count, ms[0], sorted[count / 2], sorted[count - 1], changes);
    }

    static void watch(int port, Path rulesDir, int count) throws Exception {
        long[] ms = new long[count];
        try (RawHttp http = new RawHttp(HOST, port, null, null)) {
            for (int i = 0; i < count; i++) {
                String before = version(http);
                edit(rulesDir, 1000 + i);
                long t0 = System.nanoTime();
                long deadline = t0 + TimeUnit.SECONDS.toNanos(30);
                String now = before;
                while (now.equals(before) && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                    now = version(http);
                }
                ms[i] = (System.nanoTime() - t0) / 1_000_000;
                if (now.equals(before)) {
                    throw new IllegalStateException("rule edit " + i + " not live after 30 s");
                }
                Thread.sleep(500); // let the watcher settle before the next edit
            }
        }
        long[] sorted = ms.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "RESULT watch count=%d median_ms=%d max_ms=%d all_ms=%s%n", count,
                sorted[count / 2], sorted[count - 1], Arrays.toString(ms).replace(" ", ""));
    }

    private static String version(RawHttp http) throws IOException {
        RawHttp.Response r = http.send("GET", "/rules", null);
        if (r.status() != 200) {
            throw new IllegalStateException("GET /rules answered " + r.status());
        }
        return Seed.JSON.readTree(r.body()).path("version").asText();
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** Worker threads that never keep the JVM alive: a failed command exits instead of hanging. */
    private static ExecutorService daemons(int n) {
        return Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
    }

    private static long pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static String env(String name) {
        String v = System.getenv(name);
        if (v == null || v.isEmpty()) {
            throw new IllegalStateException(name + " is not set");
        }
        return v;
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
