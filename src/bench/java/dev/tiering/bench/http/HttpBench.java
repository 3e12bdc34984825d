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
import java.util.StringJoiner;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP and reload benchmarks of bench/run.sh and bench/scale.sh against a running service on
 * 127.0.0.1. Every command prints one {@code RESULT name key=value ...} line (per measurement) that
 * the scripts collect.
 *
 * <pre>
 * rate    PORT RATE WARMUP_S SECONDS [CONNECTIONS]  POST /classify at a fixed rate (open model, latency from the
 *                                                   intended send time, so a stall counts for every request it
 *                                                   delays, as in wrk2)
 * closed  PORT SECONDS [CONNECTIONS] [LABEL]        POST /classify closed-loop, answers counted per second
 * start   PORT LAUNCHED_EPOCH_MS SECONDS [CONNECTIONS] [PID]
 *                                                   wait until GET /q/health/ready is 200 (not just the port), then
 *                                                   closed-loop load at once, answers counted per second; gives up
 *                                                   if process PID ends first
 * swap    PORT RULES_DIR CHANGES [CONNECTIONS] [BEFORE_S] [AFTER_S] [SETTLE_S]
 *                                                   closed-loop load throughout; CHANGES times: a changed threshold,
 *                                                   POST /rules/reload (admin); throughput from the first answer of
 *                                                   the new version for AFTER_S against the BEFORE_S before the change
 * batch   PORT SECONDS [CONNECTIONS]                POST /classify/batch of 1000 profiles, back to back
 * fleet   PORT COUNT [CONNECTIONS] [FROM]           PUT operators FROM..COUNT-1 of Seed.fleet(COUNT) (analyst)
 * reload  PORT RULES_DIR COUNT                      COUNT times: change a threshold, POST /rules/reload (admin)
 * watch   PORT RULES_DIR COUNT                      COUNT times: change a threshold, poll GET /rules until live
 * pages   PORT LIMIT                                GET /operators page after page along the Link header
 *                                                   (LIMIT 0: the service's default page size)
 * </pre>
 *
 * <p>A rule change is a changed threshold: {@code colocationRateUsd()} of the copy's gaps.drl goes
 * up by one dollar. It is a new rule-set version that compiles, passes every scenario (none assumes
 * that threshold) and moves no operator's tier, so a reload answer stays small however many
 * operators are stored.
 *
 * <p>Passwords come from TIERING_ANALYST_PASSWORD and TIERING_ADMIN_PASSWORD.
 */
public final class HttpBench {
    private static final String HOST = "127.0.0.1";

    private HttpBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException(
                    "usage: rate|closed|start|swap|batch|fleet|reload|watch|pages|views PORT ...");
        }
        int port = Integer.parseInt(args[1]);
        switch (args[0]) {
            case "rate" ->
                    rate(
                            port,
                            Integer.parseInt(args[2]),
                            Integer.parseInt(args[3]),
                            Integer.parseInt(args[4]),
                            arg(args, 5, 64));
            case "closed" ->
                    closed(
                            port,
                            Integer.parseInt(args[2]),
                            arg(args, 3, 4),
                            args.length > 4 ? args[4] : "load");
            case "start" ->
                    start(
                            port,
                            Long.parseLong(args[2]),
                            Integer.parseInt(args[3]),
                            arg(args, 4, 4),
                            args.length > 5 ? Long.parseLong(args[5]) : -1);
            case "swap" ->
                    swap(
                            port,
                            Path.of(args[2]),
                            Integer.parseInt(args[3]),
                            arg(args, 4, 4),
                            arg(args, 5, 10),
                            arg(args, 6, 4),
                            arg(args, 7, 20));
            case "batch" -> batch(port, Integer.parseInt(args[2]), arg(args, 3, 2));
            case "fleet" ->
                    fleet(port, Integer.parseInt(args[2]), arg(args, 3, 4), arg(args, 4, 0));
            case "reload" ->
                    reload(
                            port,
                            Path.of(args[2]),
                            Integer.parseInt(args[3]),
                            args.length > 4 ? args[4] : "threshold");
            case "watch" -> watch(port, Path.of(args[2]), Integer.parseInt(args[3]));
            case "pages" -> pages(port, Integer.parseInt(args[2]));
            case "views" -> views(port, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    private static int arg(String[] args, int i, int otherwise) {
        return args.length > i ? Integer.parseInt(args[i]) : otherwise;
    }

    /** The 13 seed profiles as request bodies. */
    private static List<byte[]> seedBodies() throws IOException {
        List<byte[]> bodies = new ArrayList<>();
        for (OperatorProfile p : Seed.profiles()) {
            bodies.add(Seed.JSON.writeValueAsBytes(p));
        }
        return bodies;
    }

    // ---- POST /classify at a fixed rate
    // ----------------------------------------------------------------------

    static void rate(int port, int rate, int warmupSeconds, int seconds, int connections)
            throws Exception {
        List<byte[]> bodies = seedBodies();
        if (warmupSeconds > 0) {
            runAtRate(port, bodies, rate, warmupSeconds, connections);
        }
        Run run = runAtRate(port, bodies, rate, seconds, connections);
        long[] lat = run.latencies();
        Arrays.sort(lat);
        System.out.printf(
                Locale.ROOT,
                "RESULT classify_rate target=%d achieved=%.1f requests=%d errors=%d"
                        + " p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f%n",
                rate,
                run.count / (run.nanos / 1e9),
                run.count,
                run.errors,
                ms(pct(lat, 50)),
                ms(pct(lat, 90)),
                ms(pct(lat, 99)),
                ms(pct(lat, 99.9)),
                ms(lat.length == 0 ? 0 : lat[lat.length - 1]));
    }

    record Run(long[] latencies, int count, int errors, long nanos) {}

    /**
     * Request i is due at start + i / rate. A connection takes the next due request, waits for its
     * time, sends it and records the time from when it was due to when the answer arrived: a
     * request that waited for a free connection (the service was slow) is charged for the wait.
     */
    static Run runAtRate(int port, List<byte[]> bodies, int rate, int seconds, int connections)
            throws Exception {
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
            running.add(
                    pool.submit(
                            () -> {
                                try (RawHttp http = new RawHttp(HOST, port, null, null)) {
                                    List<byte[]> requests =
                                            bodies.stream()
                                                    .map(b -> http.request("POST", "/classify", b))
                                                    .toList();
                                    for (int i = next.getAndIncrement();
                                            i < total;
                                            i = next.getAndIncrement()) {
                                        long due = start + i * period;
                                        long wait = due - System.nanoTime();
                                        if (wait > 0) {
                                            LockSupport.parkNanos(wait);
                                            while (System.nanoTime() < due) {
                                                Thread.onSpinWait();
                                            }
                                        }
                                        RawHttp.Response r =
                                                http.send(requests.get(i % requests.size()));
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

    // ---- closed-loop POST /classify, counted over time
    // -----------------------------------------------------------

    /**
     * Closed-loop POST /classify of the 13 seed profiles in turn on a few keep-alive connections,
     * each sending its next request as soon as the last one is answered, until closed. Answers are
     * counted in 10 ms bins by the time they arrived. When {@link #watch} names a version, each
     * answer's {@code ruleSet.version} is read and the first answer carrying another version is
     * noted: the swap moment as a client sees it.
     */
    static final class Load implements AutoCloseable {
        static final long BIN = 10_000_000L;
        private static final byte[] RULE_SET = "\"ruleSet\"".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] VERSION = "\"version\"".getBytes(StandardCharsets.US_ASCII);

        final long t0 = System.nanoTime();
        final AtomicIntegerArray bins;
        final AtomicInteger errors = new AtomicInteger();
        final AtomicLong firstOther = new AtomicLong(Long.MAX_VALUE);
        private volatile String watched;
        private volatile String other;
        private volatile boolean stop;
        private final ExecutorService pool;
        private final List<Future<?>> running = new ArrayList<>();

        Load(int port, int connections, int maxSeconds) throws IOException {
            List<byte[]> bodies = seedBodies();
            bins = new AtomicIntegerArray((int) (TimeUnit.SECONDS.toNanos(maxSeconds) / BIN) + 1);
            pool = daemons(connections);
            for (int c = 0; c < connections; c++) {
                int offset = c * 3;
                running.add(
                        pool.submit(
                                () -> {
                                    try (RawHttp http = new RawHttp(HOST, port, null, null)) {
                                        List<byte[]> requests =
                                                bodies.stream()
                                                        .map(
                                                                b ->
                                                                        http.request(
                                                                                "POST",
                                                                                "/classify",
                                                                                b))
                                                        .toList();
                                        for (int i = offset; !stop; i++) {
                                            RawHttp.Response r =
                                                    http.send(requests.get(i % requests.size()));
                                            long done = System.nanoTime();
                                            int bin = (int) ((done - t0) / BIN);
                                            if (bin < bins.length()) {
                                                bins.incrementAndGet(bin);
                                            }
                                            if (r.status() != 200) {
                                                if (errors.incrementAndGet() == 1) {
                                                    System.err.println(
                                                            "POST /classify answered "
                                                                    + r.status()
                                                                    + ": "
                                                                    + r.text());
                                                }
                                                continue;
                                            }
                                            String w = watched;
                                            if (w != null) {
                                                String v = version(r.body());
                                                if (v != null
                                                        && !v.equals(w)
                                                        && firstOther.compareAndSet(
                                                                Long.MAX_VALUE, done)) {
                                                    other = v;
                                                }
                                            }
                                        }
                                    }
                                    return null;
                                }));
            }
        }

        /** From now on, notes the first answer whose rule-set version is not {@code version}. */
        void watch(String version) {
            firstOther.set(Long.MAX_VALUE);
            other = null;
            watched = version;
        }

        /** The version of the first answer that differed from the watched one, or null. */
        String other() {
            return other;
        }

        /** Answers that arrived in [from, to) (System.nanoTime), to 10 ms. */
        int count(long from, long to) {
            int a = (int) Math.max(0, (from - t0) / BIN);
            int b = (int) Math.min(bins.length(), (to - t0) / BIN);
            int n = 0;
            for (int i = a; i < b; i++) {
                n += bins.get(i);
            }
            return n;
        }

        /** Answers per whole second in [from, to). */
        String perSecond(long from, long to) {
            StringJoiner s = new StringJoiner(",", "[", "]");
            for (long t = from; t + 1_000_000_000L <= to; t += 1_000_000_000L) {
                s.add(Integer.toString(count(t, t + 1_000_000_000L)));
            }
            return s.toString();
        }

        @Override
        public void close() throws Exception {
            stop = true;
            for (Future<?> f : running) {
                f.get(150, TimeUnit.SECONDS);
            }
            pool.shutdown();
        }

        /**
         * The value of {@code "version"} after {@code "ruleSet"} in a classification, without
         * parsing the JSON.
         */
        static String version(byte[] body) {
            int r = indexOf(body, RULE_SET, 0);
            int v = r < 0 ? -1 : indexOf(body, VERSION, r);
            if (v < 0) {
                return null;
            }
            int i = v + VERSION.length;
            while (i < body.length && body[i] != '"') {
                i++; // past the colon and any blanks
            }
            int end = i + 1;
            while (end < body.length && body[end] != '"') {
                end++;
            }
            return end < body.length
                    ? new String(body, i + 1, end - i - 1, StandardCharsets.US_ASCII)
                    : null;
        }

        private static int indexOf(byte[] hay, byte[] needle, int from) {
            outer:
            for (int i = from; i <= hay.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (hay[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    static void closed(int port, int seconds, int connections, String label) throws Exception {
        long from;
        long to;
        Load load = new Load(port, connections, seconds + 5);
        try (load) {
            from = load.t0;
            to = from + TimeUnit.SECONDS.toNanos(seconds);
            sleepUntil(to);
        }
        int n = load.count(from, to);
        System.out.printf(
                Locale.ROOT,
                "RESULT closed label=%s connections=%d seconds=%d requests=%d errors=%d"
                        + " req_per_s=%.0f per_s=%s%n",
                label,
                connections,
                seconds,
                n,
                load.errors.get(),
                n / (double) seconds,
                load.perSecond(from, to));
    }

    /**
     * Waits for readiness ({@code GET /q/health/ready} answering 200: the service may open its port
     * before it is ready, during a warm-up phase), then loads it at once. Times are from {@code
     * launched}, the epoch millisecond at which the script started the service's JVM; {@code pid}
     * is that JVM (-1: not watched).
     */
    static void start(int port, long launched, int seconds, int connections, long pid)
            throws Exception {
        long portMs = -1;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        int lastStatus = -1;
        try (RawHttp http = new RawHttp(HOST, port, null, null)) {
            byte[] ready = http.request("GET", "/q/health/ready", null);
            while (true) {
                try {
                    lastStatus = http.send(ready).status();
                    if (portMs < 0) {
                        portMs = System.currentTimeMillis() - launched;
                    }
                    if (lastStatus == 200) {
                        break;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "not ready after 10 minutes (last status " + lastStatus + ")");
                }
                if (pid > 0
                        && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                                == Boolean.FALSE) {
                    throw new IllegalStateException(
                            "the service (process " + pid + ") ended before it was ready");
                }
                Thread.sleep(20);
            }
        }
        long readyMs = System.currentTimeMillis() - launched;
        long from;
        long to;
        Load load = new Load(port, connections, seconds + 5);
        try (load) {
            from = load.t0;
            to = from + TimeUnit.SECONDS.toNanos(seconds);
            sleepUntil(to);
        }
        int n = load.count(from, to);
        System.out.printf(
                Locale.ROOT,
                "RESULT start port_ms=%d ready_ms=%d connections=%d seconds=%d requests=%d"
                        + " errors=%d per_s=%s%n",
                portMs,
                readyMs,
                connections,
                seconds,
                n,
                load.errors.get(),
                load.perSecond(from, to));
    }

    /**
     * Under closed-loop load: CHANGES rule changes, each a changed threshold and {@code POST
     * /rules/reload}. For each, the throughput in the {@code after} seconds from the first answer
     * carrying the new version, against the {@code before} seconds before the change was made.
     * Before each baseline window the load runs for {@code settle} seconds, so that each change
     * starts from a settled service.
     */
    static void swap(
            int port,
            Path rulesDir,
            int changes,
            int connections,
            int before,
            int after,
            int settle)
            throws Exception {
        String password = env("TIERING_ADMIN_PASSWORD");
        long second = 1_000_000_000L;
        Load load = new Load(port, connections, changes * (before + after + settle + 300));
        try (load;
                RawHttp admin = new RawHttp(HOST, port, "admin", password)) {
            for (int i = 0; i < changes; i++) {
                // The load settles first (after the previous change, or after whatever ran before
                // this command:
                // a reload's new rule set starts cold), then runs the baseline window
                sleepUntil(System.nanoTime() + (settle + before) * second);
                String was = version(admin);
                load.watch(was);
                long change = System.nanoTime();
                changeThreshold(rulesDir);
                RawHttp.Response r = admin.send("POST", "/rules/reload", null);
                long answered = System.nanoTime();
                if (r.status() != 200) {
                    throw new IllegalStateException(
                            "reload answered " + r.status() + ": " + r.text());
                }
                JsonNode report = Seed.JSON.readTree(r.body());
                long deadline = System.nanoTime() + 60 * second;
                while (load.firstOther.get() == Long.MAX_VALUE && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                long swap = load.firstOther.get();
                if (swap == Long.MAX_VALUE) {
                    throw new IllegalStateException(
                            "no answer with a version other than "
                                    + was
                                    + " within 60 s of the reload's answer");
                }
                sleepUntil(Math.max(swap + after * second, answered) + 100_000_000L);
                double beforeRate = load.count(change - before * second, change) / (double) before;
                double afterRate = load.count(swap, swap + after * second) / (double) after;
                double prepRate =
                        swap > change ? load.count(change, swap) * 1e9 / (swap - change) : 0;
                System.out.printf(
                        Locale.ROOT,
                        "RESULT swap i=%d version=%s was=%s connections=%d before_s=%d after_s=%d"
                            + " before_per_s=%.0f after_per_s=%.0f ratio=%.3f change_to_swap_ms=%d"
                            + " answer_after_swap_ms=%d during_reload_per_s=%.0f tier_changes=%d"
                            + " errors=%d per_s_from_before=%s per_s_from_swap=%s%n",
                        i + 1,
                        report.path("version").asText(load.other()),
                        was,
                        connections,
                        before,
                        after,
                        beforeRate,
                        afterRate,
                        afterRate / beforeRate,
                        (swap - change) / 1_000_000,
                        (answered - swap) / 1_000_000,
                        prepRate,
                        report.path("changes").size(),
                        load.errors.get(),
                        load.perSecond(change - before * second, change),
                        load.perSecond(swap, swap + after * second));
            }
        }
    }

    // ---- POST /classify/batch
    // ----------------------------------------------------------------------------------

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
        System.out.printf(
                Locale.ROOT,
                "RESULT classify_batch body_kb=%d connections=%d batches=%d errors=%d"
                        + " batch_ms=%.1f profiles_per_s=%.0f%n",
                body.length / 1024,
                connections,
                b.count,
                b.errors,
                b.count == 0 ? 0 : secs * 1000 * connections / b.count,
                b.count * 1000 / secs);
    }

    record Batches(int count, int errors, long nanos) {}

    static Batches runBatches(int port, byte[] body, int seconds, int connections)
            throws Exception {
        AtomicInteger count = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = daemons(connections);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            running.add(
                    pool.submit(
                            () -> {
                                try (RawHttp http = new RawHttp(HOST, port, null, null)) {
                                    byte[] request = http.request("POST", "/classify/batch", body);
                                    while (System.nanoTime() < end) {
                                        RawHttp.Response r = http.send(request);
                                        if (r.status() != 200) {
                                            errors.incrementAndGet();
                                            if (errors.get() == 1) {
                                                System.err.println(
                                                        "batch answered "
                                                                + r.status()
                                                                + ": "
                                                                + r.text());
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

    // ---- PUT a fleet of operators
    // ------------------------------------------------------------------------------

    static void fleet(int port, int n, int connections, int from) throws Exception {
        List<OperatorProfile> fleet = Seed.fleet(n);
        AtomicInteger next = new AtomicInteger(from);
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        String password = env("TIERING_ANALYST_PASSWORD");
        long start = System.nanoTime();
        ExecutorService pool = daemons(connections);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            running.add(
                    pool.submit(
                            () -> {
                                try (RawHttp http = new RawHttp(HOST, port, "analyst", password)) {
                                    for (int i = next.getAndIncrement();
                                            i < n;
                                            i = next.getAndIncrement()) {
                                        OperatorProfile p = fleet.get(i);
                                        RawHttp.Response r =
                                                http.send(
                                                        "PUT",
                                                        "/operators/" + p.ticker(),
                                                        Seed.JSON.writeValueAsBytes(p));
                                        if (r.status() != 200 && r.status() != 201) {
                                            if (errors.incrementAndGet() == 1) {
                                                System.err.println(
                                                        "PUT "
                                                                + p.ticker()
                                                                + " answered "
                                                                + r.status()
                                                                + ": "
                                                                + r.text());
                                            }
                                        }
                                        int d = done.incrementAndGet();
                                        if (d % 10_000 == 0) {
                                            System.err.printf(
                                                    Locale.ROOT,
                                                    "  %,d operators stored, %.0f PUT/s%n",
                                                    d,
                                                    d / ((System.nanoTime() - start) / 1e9));
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
        System.out.printf(
                Locale.ROOT,
                "RESULT fleet operators=%d from=%d connections=%d errors=%d seconds=%.1f"
                        + " puts_per_s=%.0f%n",
                n,
                from,
                connections,
                errors.get(),
                secs,
                (n - from) / secs);
    }

    // ---- reloads
    // -----------------------------------------------------------------------------------------------

    private static final Pattern THRESHOLD =
            Pattern.compile(
                    "(function\\s+double\\s+colocationRateUsd\\s*\\(\\s*\\)\\s*\\{\\s*return\\s+)([0-9]+(?:\\.[0-9]*)?)");

    /**
     * A rule change: {@code colocationRateUsd()} in the folder's gaps.drl one dollar higher. Every
     * call gives a new rule-set version.
     *
     * @return the new value
     */
    static double changeThreshold(Path rulesDir) throws IOException {
        Path file = rulesDir.resolve("gaps.drl");
        String text = Files.readString(file);
        Matcher m = THRESHOLD.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException(
                    file + " declares no colocationRateUsd() threshold to change");
        }
        double value = Double.parseDouble(m.group(2)) + 1;
        Files.writeString(
                file,
                text.substring(0, m.start(2))
                        + String.format(Locale.ROOT, "%.1f", value)
                        + text.substring(m.end(2)));
        return value;
    }

    /**
     * A rule change that gives every operator another answer, in words only: every message of
     * tiers.drl (each operator gets one of its tier reasons) with a word more, or without it again.
     * Tiers, stages and risks stay, so no history row and no change event, but every stored
     * classification is rewritten: the reload's worst case for the store.
     */
    static void changeWords(Path rulesDir) throws IOException {
        Path file = rulesDir.resolve("tiers.drl");
        String text = Files.readString(file);
        String marked = "say( \"(reworded) ";
        String changed =
                text.contains(marked)
                        ? text.replace(marked, "say( \"")
                        : text.replace("say( \"", marked);
        if (changed.equals(text)) {
            throw new IllegalStateException(file + " has no message to reword");
        }
        Files.writeString(file, changed);
    }

    static void reload(int port, Path rulesDir, int count, String change) throws Exception {
        String password = env("TIERING_ADMIN_PASSWORD");
        long[] ms = new long[count];
        int changes = 0;
        StringJoiner versions = new StringJoiner(",");
        try (RawHttp http = new RawHttp(HOST, port, "admin", password)) {
            for (int i = 0; i < count; i++) {
                if (change.equals("words")) {
                    changeWords(rulesDir); // every answer changes
                }
                changeThreshold(rulesDir); // a version never seen before, words or not
                long t0 = System.nanoTime();
                RawHttp.Response r = http.send("POST", "/rules/reload", null);
                ms[i] = (System.nanoTime() - t0) / 1_000_000;
                if (r.status() != 200) {
                    throw new IllegalStateException(
                            "reload answered " + r.status() + ": " + r.text());
                }
                JsonNode report = Seed.JSON.readTree(r.body());
                changes = report.path("changes").size();
                versions.add(report.path("version").asText());
            }
        }
        long[] sorted = ms.clone();
        Arrays.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "RESULT reload change=%s count=%d first_ms=%d median_ms=%d max_ms=%d"
                        + " last_changes=%d all_ms=%s versions=%s%n",
                change,
                count,
                ms[0],
                sorted[count / 2],
                sorted[count - 1],
                changes,
                Arrays.toString(ms).replace(" ", ""),
                versions);
    }

    static void watch(int port, Path rulesDir, int count) throws Exception {
        long[] ms = new long[count];
        try (RawHttp http = new RawHttp(HOST, port, null, null)) {
            for (int i = 0; i < count; i++) {
                String before = version(http);
                changeThreshold(rulesDir);
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
        System.out.printf(
                Locale.ROOT,
                "RESULT watch count=%d median_ms=%d max_ms=%d all_ms=%s%n",
                count,
                sorted[count / 2],
                sorted[count - 1],
                Arrays.toString(ms).replace(" ", ""));
    }

    private static String version(RawHttp http) throws IOException {
        RawHttp.Response r = http.send("GET", "/rules", null);
        if (r.status() != 200) {
            throw new IllegalStateException("GET /rules answered " + r.status());
        }
        return Seed.JSON.readTree(r.body()).path("version").asText();
    }

    // ---- GET /operators, page by page
    // --------------------------------------------------------------------------

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

    static void pages(int port, int limit) throws Exception {
        List<Long> times = new ArrayList<>();
        long operators = 0;
        long bytes = 0;
        String path = limit > 0 ? "/operators?limit=" + limit : "/operators";
        long start = System.nanoTime();
        try (RawHttp http = new RawHttp(HOST, port, null, null)) {
            while (path != null) {
                long t0 = System.nanoTime();
                RawHttp.Response r = http.send("GET", path, null);
                times.add(System.nanoTime() - t0);
                if (r.status() != 200) {
                    throw new IllegalStateException(
                            "GET " + path + " answered " + r.status() + ": " + r.text());
                }
                operators += Seed.JSON.readTree(r.body()).size();
                bytes += r.body().length;
                Matcher m = r.link() == null ? null : NEXT.matcher(r.link());
                path = m != null && m.find() ? m.group(1) : null;
            }
        }
        double secs = (System.nanoTime() - start) / 1e9;
        long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(
                Locale.ROOT,
                "RESULT pages limit=%s pages=%d operators=%d mb=%.1f seconds=%.2f first_ms=%.1f"
                        + " median_ms=%.1f p99_ms=%.1f max_ms=%.1f%n",
                limit > 0 ? Integer.toString(limit) : "default",
                sorted.length,
                operators,
                bytes / 1e6,
                secs,
                ms(times.get(0)),
                ms(pct(sorted, 50)),
                ms(pct(sorted, 99)),
                ms(sorted[sorted.length - 1]));
    }

    // ---- GET /screen and GET /operators/counts
    // -----------------------------------------------------------------------------------------

    /**
     * The two views a board polls, timed: {@code GET /screen} and {@code GET /operators/counts},
     * each first (whatever the service holds from before), then {@code calls} times in a row; then
     * {@code writes} times a {@code PUT} of one stored operator (the fleet's first, written again
     * with one deal more or less) followed by each view, which then has that write to take in.
     */
    static void views(int port, int calls, int writes) throws Exception {
        String password = env("TIERING_ANALYST_PASSWORD");
        OperatorProfile first = Seed.fleet(1).get(0);
        try (RawHttp http = new RawHttp(HOST, port, "analyst", password)) {
            for (String path : List.of("/screen", "/operators/counts")) {
                long t0 = System.nanoTime();
                expectOk(http.send("GET", path, null), path);
                long firstNanos = System.nanoTime() - t0;
                long[] times = new long[calls];
                for (int i = 0; i < calls; i++) {
                    long t = System.nanoTime();
                    expectOk(http.send("GET", path, null), path);
                    times[i] = System.nanoTime() - t;
                }
                long[] afterWrite = new long[writes];
                for (int i = 0; i < writes; i++) {
                    List<dev.tiering.model.Deal> deals = new ArrayList<>(first.deals());
                    if (i % 2 == 0 && !deals.isEmpty()) {
                        deals.remove(deals.size() - 1);
                    }
                    RawHttp.Response put =
                            http.send(
                                    "PUT",
                                    "/operators/" + first.ticker(),
                                    Seed.JSON.writeValueAsBytes(first.withDeals(deals)));
                    if (put.status() != 200 && put.status() != 201) {
                        throw new IllegalStateException(
                                "PUT answered " + put.status() + ": " + put.text());
                    }
                    long t = System.nanoTime();
                    expectOk(http.send("GET", path, null), path);
                    afterWrite[i] = System.nanoTime() - t;
                }
                Arrays.sort(times);
                Arrays.sort(afterWrite);
                System.out.printf(
                        Locale.ROOT,
                        "RESULT view path=%s first_ms=%.1f calls=%d median_ms=%.2f p99_ms=%.2f"
                                + " max_ms=%.2f writes=%d after_write_median_ms=%.2f"
                                + " after_write_max_ms=%.2f%n",
                        path,
                        ms(firstNanos),
                        calls,
                        ms(pct(times, 50)),
                        ms(pct(times, 99)),
                        ms(times[times.length - 1]),
                        writes,
                        ms(pct(afterWrite, 50)),
                        ms(afterWrite.length == 0 ? 0 : afterWrite[afterWrite.length - 1]));
            }
        }
    }

    private static void expectOk(RawHttp.Response r, String path) {
        if (r.status() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.status());
        }
    }

    // ---- helpers
    // -----------------------------------------------------------------------------------------------

    /** Worker threads that never keep the JVM alive: a failed command exits instead of hanging. */
    private static ExecutorService daemons(int n) {
        return Executors.newFixedThreadPool(
                n,
                r -> {
                    Thread t = new Thread(r);
                    t.setDaemon(true);
                    return t;
                });
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        for (long wait = nanoTime - System.nanoTime();
                wait > 0;
                wait = nanoTime - System.nanoTime()) {
            Thread.sleep(Math.max(1, wait / 1_000_000));
        }
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
}
