package dev.tiering;

import java.io.IOException;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) in a process of its own, on a
 * free port and a data folder the test chooses, with its output in a file: started, stopped, killed
 * and started again.
 */
public final class PackagedApp implements AutoCloseable {
    public static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    /** Where each start's output goes. */
    private static final Path LOGS = Path.of("target", "it-logs");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path dataDir;
    private final Map<String, String> env;
    private Path rulesDir = Path.of("rules");
    private final List<String> properties = new ArrayList<>();
    private boolean shippedStop;

    /**
     * HTTP/1.1, as curl and the board speak it: over HTTP/2 the service may end a connection that
     * carried hundreds of requests with a GOAWAY, which this client does not retry.
     */
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

    private final List<Path> logs = new ArrayList<>();
    private Process process;
    private int port;

    /**
     * {@code env}: variables to set; a key mapped to null is removed from the inherited
     * environment.
     */
    public PackagedApp(Path dataDir, Map<String, String> env) {
        this.dataDir = dataDir;
        this.env = env;
    }

    /** Serves the rules of {@code dir} instead of the project's {@code rules/}. */
    public PackagedApp rules(Path dir) {
        this.rulesDir = dir;
        return this;
    }

    /** A system property for the service ({@code -Dname=value}). */
    public PackagedApp property(String name, String value) {
        properties.add("-D" + name + "=" + value);
        return this;
    }

    /**
     * Checks rule changes in the service's own process instead of the checker JVM ({@code
     * tiering.rules.isolated-check=false}), for a test whose subject is not rule changes: the
     * checker's start and warm-up check cost about 7 s of CPU at every start of the service
     * (measured: 15 s of CPU in the first 15 s against 8 s without it), and the suite starts the
     * service some twenty times on 2 cores.
     */
    public PackagedApp withoutRuleChecker() {
        return property("tiering.rules.isolated-check", "false");
    }

    /**
     * Stops as shipped, with {@code quarkus.shutdown.delay}; without this, a stop skips the delay
     * (which only a load balancer needs), so that tests that restart do not wait for it.
     */
    public PackagedApp shippedStop() {
        this.shippedStop = true;
        return this;
    }

    /** The port it listens on (once started). */
    public int port() {
        return port;
    }

    /** Starts the service and waits until /q/health/ready answers 200. */
    public PackagedApp start() throws IOException, InterruptedException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(
                    JAR + " is missing: run `./mvnw verify` (the package phase builds it)");
        }
        port = freePort();
        // Under target/, beside the failsafe reports, for reading after a failure; never in /tmp,
        // where every run of the ITs left some twenty files behind.
        Path log = Files.createTempFile(Files.createDirectories(LOGS), caller() + "-", ".log");
        logs.add(log);
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Dquarkus.http.port=" + port,
                                "-Dtiering.data.dir=" + dataDir.toAbsolutePath(),
                                "-Dtiering.rules.dir=" + rulesDir.toAbsolutePath(),
                                "-Dtiering.seed=false"));
        if (!shippedStop) {
            command.add("-Dquarkus.shutdown.delay=0S");
        }
        command.addAll(properties);
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        env.forEach(
                (k, v) -> {
                    if (v == null) {
                        pb.environment().remove(k);
                    } else {
                        pb.environment().put(k, v);
                    }
                });
        process = pb.start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the service exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                if (get("/q/health/ready").statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(
                "the service was not ready within " + START_TIMEOUT + ":\n" + log());
    }

    /** A normal stop (SIGTERM), waiting for the process to end; how long it took. */
    public Duration stop() throws InterruptedException {
        long started = System.nanoTime();
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** SIGTERM, without waiting. */
    public void terminate() {
        if (process != null) {
            process.destroy();
        }
    }

    /** Waits for the process to end; false if it is still running after {@code timeout}. */
    public boolean waitForExit(Duration timeout) throws InterruptedException {
        return process == null || process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    /** The simple name of the IT class that starts the service, for its log file's name. */
    private static String caller() {
        return StackWalker.getInstance()
                .walk(
                        frames ->
                                frames.map(StackWalker.StackFrame::getClassName)
                                        .filter(n -> n.endsWith("IT"))
                                        .findFirst()
                                        .map(n -> n.substring(n.lastIndexOf('.') + 1))
                                        .orElse("service"));
    }

    /** Everything the service printed, over all its starts. */
    public String log() throws IOException {
        StringBuilder out = new StringBuilder();
        for (Path l : logs) {
            out.append(Files.readString(l, StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, null, null);
    }

    public HttpResponse<String> send(
            String method, String path, String user, String password, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        // a reload with the checker JVM and a reclassification may take long on a
                        // loaded machine; a test that asserts time measures it itself
                        .timeout(Duration.ofSeconds(90))
                        .method(
                                method,
                                json == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(
                                                json, StandardCharsets.UTF_8));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (user != null) {
            b.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString(
                                            (user + ":" + password)
                                                    .getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
