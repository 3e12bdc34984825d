// What the change events cost a write and a reload (BENCHMARKS.md, "Change events"): run with
// `java bench/EventsBench.java JAR RULES_DIR WORK_DIR SUBSCRIBE(true|false|drain) [-Dkey=value]` against a packaged service;
// it starts the jar, stores 5,000 operators, and times writes and rule changes that move all 5,000. `drain` times webhook
// delivery instead: the receiver holds every request while the 5,000 operators are stored, so their 5,000 deliveries
// wait, then answers at once, and the bench reports how fast the backlog reaches it (`webhooks_drain_per_s`).
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

public class EventsBench {
    static final String PW = "bench-pw";
    static final int OPERATORS = 5000;
    static HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static int port;

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path rulesFrom = Path.of(args[1]);
        Path work = Path.of(args[2]);
        boolean drain = args[3].equals("drain");
        boolean subscribe = drain || Boolean.parseBoolean(args[3]);
        java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(drain ? 1 : 0);
        Path rules = work.resolve("rules");
        copy(rulesFrom, rules);
        // the scenarios pin the shipped Tier 1 threshold; the bench moves it on purpose
        try (var files = Files.walk(rules.resolve("scenarios"))) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(f);
        }
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        AtomicLong received = new AtomicLong();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        receiver.createContext(
                "/hook",
                x -> {
                    x.getRequestBody().readAllBytes();
                    try {
                        hold.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    received.incrementAndGet();
                    x.sendResponseHeaders(204, -1);
                    x.close();
                });
        receiver.setExecutor(
                Executors.newFixedThreadPool(
                        16,
                        r -> {
                            Thread t = new Thread(r);
                            t.setDaemon(true); // the bench's JVM ends with main
                            return t;
                        }));
        receiver.start();
        ProcessBuilder pb =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xms1g",
                                "-Xmx1g",
                                "-Dquarkus.http.port=" + port,
                                "-Dtiering.data.dir=" + work.resolve("data"),
                                "-Dtiering.rules.dir=" + rules,
                                "-Dtiering.rules.watch=false",
                                "-Dtiering.seed=false",
                                args.length > 4 ? args[4] : "-Dbench.run=plain",
                                "-jar",
                                jar.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(work.resolve("service.log").toFile());
        pb.environment().put("TIERING_ANALYST_PASSWORD", PW);
        pb.environment().put("TIERING_ADMIN_PASSWORD", PW);
        pb.environment().put("TIERING_WEBHOOKS_ALLOW_PRIVATE", "true");
        Process p = pb.start();
        try {
            long t0 = System.nanoTime();
            while (true) {
                try {
                    if (send("GET", "/q/health/ready", null).statusCode() == 200) break;
                } catch (IOException notYet) {
                }
                Thread.sleep(100);
                if (System.nanoTime() - t0 > 120_000_000_000L) throw new IllegalStateException("no start");
            }
            if (subscribe) {
                String secret = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
                String body =
                        "{\"url\":\"http://127.0.0.1:"
                                + receiver.getAddress().getPort()
                                + "/hook\",\"secret\":\""
                                + secret
                                + "\"}";
                int st = send("POST", "/subscriptions", body).statusCode();
                if (st != 201) throw new IllegalStateException("subscribe " + st);
            }
            // writes: 5,000 new operators, each with a binding USD 2 B hyperscaler deal (Tier 1 as shipped)
            double putRate = timed(OPERATORS, i -> send("PUT", "/operators/B" + i, profile("B" + i)));
            System.out.printf("RESULT put_per_s=%.0f%n", putRate);
            if (drain) {
                // The held deliveries time out and wait for a retry; the other 4,900-odd are due.
                long s = System.nanoTime();
                hold.countDown();
                int bulk = OPERATORS - 100;
                while (received.get() < bulk && System.nanoTime() - s < 600_000_000_000L) Thread.sleep(20);
                double secs = (System.nanoTime() - s) / 1e9;
                System.out.printf("RESULT webhooks_drain_per_s=%.0f (%d deliveries in %.1f s)%n", bulk / secs, bulk, secs);
                return;
            }
            // deal writes that move nothing (a small non-binding deal)
            double dealRate =
                    timed(2000, i -> send("POST", "/operators/B" + i + "/deals", smallDeal("s" + i)));
            System.out.printf("RESULT deal_per_s=%.0f%n", dealRate);
            Path tiers = rules.resolve("tiers.drl");
            String shipped = Files.readString(tiers);
            String raised = shipped.replace("return 1000000000.0;", "return 20000000000.0;");
            List<Long> reloads = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (String text : List.of(raised, shipped)) {
                    Files.writeString(tiers, text);
                    long s = System.nanoTime();
                    HttpResponse<String> r = send("POST", "/rules/reload", "");
                    long ms = (System.nanoTime() - s) / 1_000_000;
                    int moved = r.body().split("\"ticker\"", -1).length - 1;
                    System.out.printf("RESULT reload_ms=%d status=%d moved>=%d%n", ms, r.statusCode(), moved);
                    reloads.add(ms);
                }
            }
            Collections.sort(reloads);
            System.out.printf("RESULT reload_median_ms=%d%n", reloads.get(reloads.size() / 2));
            long until = System.nanoTime() + 120_000_000_000L;
            long before = -1;
            while (subscribe && System.nanoTime() < until) {
                long now = received.get();
                if (now == before) break;
                before = now;
                Thread.sleep(2000);
            }
            System.out.printf("RESULT webhooks_received=%d%n", received.get());
        } finally {
            p.destroy();
            p.waitFor();
            receiver.stop(0);
        }
    }

    interface Call {
        HttpResponse<String> run(int i) throws Exception;
    }

    /** Requests per second of n calls on 4 connections. */
    static double timed(int n, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        long s = System.nanoTime();
        List<Future<Integer>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            all.add(pool.submit(() -> call.run(k).statusCode()));
        }
        for (Future<Integer> f : all) {
            int st = f.get();
            if (st >= 300) throw new IllegalStateException("status " + st);
        }
        double secs = (System.nanoTime() - s) / 1e9;
        pool.shutdown();
        return n / secs;
    }

    static String profile(String t) {
        return "{\"ticker\":\""
                + t
                + "\",\"sites\":[{\"name\":\"A\",\"country\":\"US\",\"mw\":120,\"aiDedicated\":true,"
                + "\"status\":\"ENERGIZED\"}],\"gpuCloud\":{\"inHouse\":true,\"gpus\":10},\"deals\":[{\"id\":\"msft\","
                + "\"counterparty\":\"Microsoft\",\"counterpartyType\":\"HYPERSCALER\",\"service\":\"COLOCATION\","
                + "\"status\":\"BINDING\",\"valueUsd\":2000000000,\"termYears\":10,\"mw\":200,\"signed\":\"2026-01-15\"}]}";
    }

    static String smallDeal(String id) {
        return "{\"id\":\""
                + id
                + "\",\"counterparty\":\"Lambda\",\"counterpartyType\":\"NEOCLOUD\",\"service\":\"COLOCATION\","
                + "\"status\":\"NON_BINDING\",\"valueUsd\":1000000,\"termYears\":1,\"mw\":1}";
    }

    static HttpResponse<String> send(String method, String path, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofMinutes(10))
                        .method(
                                method,
                                json == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) b.header("Content-Type", "application/json");
        String user = path.startsWith("/rules") || path.startsWith("/subscriptions") ? "admin" : "analyst";
        b.header(
                "Authorization",
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + PW).getBytes(StandardCharsets.UTF_8)));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void copy(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(t);
                else Files.copy(f, t);
            }
        }
    }
}
