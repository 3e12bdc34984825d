package dev.tiering.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiering.engine.CompiledRules;
import dev.tiering.engine.RuleCompilationException;
import dev.tiering.engine.RuleError;
import dev.tiering.engine.RuleSources;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The checker: one JVM beside the service that checks every candidate before the service runs it
 * ({@code dev.tiering.cli.CheckCommand --serve}), started once and kept warm. The sandbox already
 * bounds what rule code can do in any process; what it cannot bound (a library call that never
 * returns, a heap gone in one allocation, a crash) happens to the checker instead: a check that
 * overruns its budget kills it, the candidate is refused like any rule error with the changed files
 * named, and a new checker starts for the next candidate.
 *
 * <p>A candidate that holds comes back compiled: its class files go to the service, which checks
 * them against the allowlist again and loads them instead of compiling the same rules twice. A
 * candidate that does not hold is refused with the checker's errors (file, line, scenario): none of
 * its code runs in the service.
 *
 * <p>It runs on this process's own class path (the packaged service's {@code quarkus-app} folders,
 * or the class path of a test), so it checks with exactly the engine that would serve the rules.
 */
public final class CheckerProcess implements CandidateVetting, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CheckerProcess.class);

    /**
     * The check command's entry point, by name: the lifecycle does not depend on the command line's
     * layer.
     */
    static final String CHECK_COMMAND = "dev.tiering.cli.CheckCommand";

    private static final String READY = "@@READY";
    private static final String REPORT = "@@REPORT ";
    private static final int STDERR_TAIL = 400;
    private static final Duration START_BUDGET = Duration.ofSeconds(30);

    private final List<String> launch;
    private final Duration budget;
    private final ObjectMapper json;
    private final AtomicLong ids = new AtomicLong();

    /** The running checker, or null; guarded by this. */
    // volatile: close() destroys it without waiting for a check in progress to let go of the lock
    private volatile Child child;

    // volatile, not guarded: a test reads it while a check holds the lock
    private volatile long lastPid = -1;

    private volatile boolean closed;

    /**
     * @param heap the checker's maximum heap, as {@code -Xmx} takes it ({@code 256m})
     * @param budget how long one check may take; then the checker is killed and the candidate
     *     refused
     */
    public CheckerProcess(String heap, Duration budget, ObjectMapper json) {
        this(command(heap, CHECK_COMMAND), budget, json);
    }

    CheckerProcess(List<String> launch, Duration budget, ObjectMapper json) {
        this.launch = List.copyOf(launch);
        this.budget = budget;
        this.json = json;
    }

    /** {@code java -Xmx… -cp <this process's class path> <main> --serve}. */
    static List<String> command(String heap, String main) {
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.add("-Xmx" + heap);
        // One small heap and no GC threads to take the service's cores; a rule that fills the heap
        // ends the checker, not the check's report.
        c.add("-XX:+UseSerialGC");
        // The client compiler only: a check is a burst of compiling and running cold code, which
        // C2 would compile again at a cost it never earns back in so short a run. On 2 cores this
        // halves the checker's CPU and brings a save to live sooner (BENCHMARKS.md, "The checker
        // on the client compiler"); a runaway rule takes longer to reach its step budget.
        c.add("-XX:TieredStopAtLevel=1");
        c.add("-XX:+ExitOnOutOfMemoryError");
        c.add("-Djava.awt.headless=true");
        c.add("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
        c.add("-cp");
        c.add(classPath());
        c.add(main);
        c.add("--serve");
        return c;
    }

    /**
     * This process's class path, as a child can use it. The packaged service runs {@code
     * quarkus-run.jar}, whose own class loader finds the application and its libraries beside it:
     * {@code app/}, {@code lib/main/} and {@code lib/boot/}. Anything else (tests, an IDE) already
     * names every entry.
     */
    static String classPath() {
        String own = System.getProperty("java.class.path", "");
        Path runner = Path.of(own);
        if (!own.contains(File.pathSeparator) && own.endsWith("quarkus-run.jar")) {
            Path base = runner.toAbsolutePath().getParent();
            return String.join(
                    File.pathSeparator,
                    base.resolve("app") + File.separator + "*",
                    base.resolve("lib/main") + File.separator + "*",
                    base.resolve("lib/boot") + File.separator + "*");
        }
        return own;
    }

    /**
     * Starts the checker, if it is not running, and has it check {@code rules} once, on a thread of
     * its own: its compiler is then warm for the first real candidate. Returns at once.
     */
    public void warm(RuleSources rules) {
        Thread t =
                new Thread(
                        () -> {
                            try {
                                long started = System.nanoTime();
                                check(rules, null);
                                LOG.debugf(
                                        "Checker warm in %d ms",
                                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                            } catch (RuntimeException e) {
                                LOG.debugf("Warming the checker: %s", e.getMessage());
                            }
                        },
                        "checker-warm-up");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public CompiledRules vet(RuleSources candidate, RuleSources current) {
        try {
            return check(candidate, current);
        } catch (Unavailable e) {
            // No java to start (a stripped image): the in-process gate and the sandbox alone.
            LOG.warnf(
                    "No checker to look at rule set %s first (%s); checking in this process only",
                    candidate.version(), e.getMessage());
            return null;
        }
    }

    /** The checker could not be started. */
    private static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }

    private synchronized CompiledRules check(RuleSources candidate, RuleSources current) {
        if (closed) {
            throw new Unavailable("the service is stopping");
        }
        Path work = null;
        try {
            work = Files.createTempDirectory("tiering-check-");
            Path dir = Files.createDirectory(work.resolve("rules"));
            write(dir, candidate.rules());
            write(dir, candidate.scenarios());
            Path classes = work.resolve("classes.zip");
            Child c = running();
            String id = Long.toString(ids.incrementAndGet());
            long started = System.nanoTime();
            c.send(
                    json.writeValueAsString(
                            Map.of(
                                    "id",
                                    id,
                                    "dir",
                                    dir.toString(),
                                    "classes",
                                    classes.toString())));
            String answer = c.await(id, budget);
            if (answer == null) {
                boolean timedOut = c.process.isAlive();
                String why =
                        timedOut
                                ? "checking these rules (compiling them and running their"
                                        + " scenarios, in the checker) took longer than "
                                        + seconds(budget)
                                        + " s and was stopped: does a rule or function in them"
                                        + " never end?"
                                : "checking these rules stopped the checker (status "
                                        + c.process.waitFor()
                                        + "): does a rule exhaust its memory?"
                                        + c.tail();
                kill();
                throw refused(candidate, current, why);
            }
            JsonNode report = json.readTree(answer);
            int status = report.path("exitCode").asInt(-1);
            LOG.debugf(
                    "Rule set %s checked in %d ms: %s",
                    candidate.version(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                    status == 0 ? "it holds" : "it does not hold");
            if (status != 0) {
                RuleCompilationException refused = refusal(report);
                if (refused != null) {
                    throw refused; // not one line of it runs here
                }
                return null; // nothing the checker could name: the gate here looks again
            }
            return Files.isRegularFile(classes)
                    ? CompiledRules.fromZip(candidate.version(), Files.readAllBytes(classes))
                    : null;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot prepare a folder to check rule set " + candidate.version(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw refused(candidate, current, "checking these rules was interrupted");
        } finally {
            delete(work);
        }
    }

    /** The running checker, started if there is none. */
    private Child running() throws IOException, InterruptedException {
        if (child != null && child.process.isAlive()) {
            return child;
        }
        kill();
        Path err = Files.createTempFile("tiering-checker-", ".log");
        Process p;
        try {
            p =
                    new ProcessBuilder(launch)
                            .redirectError(err.toFile())
                            .redirectOutput(ProcessBuilder.Redirect.PIPE)
                            .redirectInput(ProcessBuilder.Redirect.PIPE)
                            .start();
        } catch (IOException e) {
            Files.deleteIfExists(err);
            throw new Unavailable(e.getMessage());
        }
        Child c = new Child(p, err);
        child = c; // before it is ready: close() stops a checker that is still starting, too
        if (closed || !c.ready(START_BUDGET)) {
            String tail = c.tail();
            c.destroy();
            child = null;
            throw new Unavailable(
                    closed ? "the service is stopping" : "the checker did not start" + tail);
        }
        lastPid = p.pid();
        LOG.debugf("Checker started (pid %d)", p.pid());
        return c;
    }

    /** The running checker's process id, starting one if none runs (for tests). */
    synchronized long pid() {
        try {
            return running().process.pid();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The process id of the checker started last, running or not; -1 if none was (for tests). Not
     * synchronized: it answers in the middle of a check.
     */
    long lastPid() {
        return lastPid;
    }

    private synchronized void kill() {
        if (child != null) {
            child.destroy();
            child = null;
        }
    }

    /**
     * Stops the checker at once, even in the middle of a check (which then ends as a refusal): a
     * stopping service does not wait for a check it will never use.
     */
    @Override
    public void close() {
        closed = true;
        Child c = child;
        if (c != null) {
            c.destroy();
        }
        kill();
    }

    /** One checker JVM: its process, and its standard output read line by line. */
    private static final class Child {
        final Process process;
        final Path stderr;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final OutputStream in;

        Child(Process process, Path stderr) {
            this.process = process;
            this.stderr = stderr;
            this.in = process.getOutputStream();
            Thread reader =
                    new Thread(
                            () -> {
                                try (BufferedReader out =
                                        new BufferedReader(
                                                new InputStreamReader(
                                                        process.getInputStream(),
                                                        StandardCharsets.UTF_8))) {
                                    String line;
                                    while ((line = out.readLine()) != null) {
                                        if (line.startsWith("@@")) {
                                            lines.add(line);
                                        }
                                    }
                                } catch (IOException e) {
                                    // the checker is gone: await() sees it
                                }
                            },
                            "checker-output");
            reader.setDaemon(true);
            reader.start();
        }

        boolean ready(Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (READY.equals(line)) {
                    return true;
                }
                if (line == null && !process.isAlive()) {
                    return false;
                }
            }
            return false;
        }

        void send(String request) throws IOException {
            in.write((request + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        /**
         * The report for {@code id} (JSON), or null if the checker died or the budget ran out
         * first.
         */
        String await(String id, Duration budget) throws InterruptedException {
            long deadline = System.nanoTime() + budget.toNanos();
            String prefix = REPORT + id + " ";
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                String line = lines.poll(Math.min(left, 100_000_000L), TimeUnit.NANOSECONDS);
                if (line != null && line.startsWith(prefix)) {
                    return line.substring(prefix.length());
                }
                if (line == null && !process.isAlive() && lines.isEmpty()) {
                    return null;
                }
            }
        }

        String tail() {
            try {
                String text = Files.readString(stderr, StandardCharsets.UTF_8).strip();
                if (text.isEmpty()) {
                    return "";
                }
                String last = text.substring(text.lastIndexOf('\n') + 1).strip();
                return " (it said: "
                        + (last.length() > STDERR_TAIL
                                ? last.substring(0, STDERR_TAIL) + "…"
                                : last)
                        + ")";
            } catch (IOException | RuntimeException e) {
                return "";
            }
        }

        void destroy() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
                Files.deleteIfExists(stderr);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                LOG.debugf("Could not remove %s: %s", stderr, e.getMessage());
            }
        }
    }

    /**
     * The checker's report of rules that do not hold, as the refusal the gate here would make: each
     * error with its file (in the rule folder), line, column and message; null if it names none.
     */
    private static RuleCompilationException refusal(JsonNode report) {
        List<RuleError> errors = new ArrayList<>();
        for (JsonNode e : report.path("errors")) {
            errors.add(
                    new RuleError(
                            e.path("file").asText("?"),
                            e.path("line").asInt(0),
                            e.path("column").asInt(0),
                            e.path("message").asText("")));
        }
        if (errors.isEmpty()) {
            return null;
        }
        List<String> failures = new ArrayList<>();
        report.path("failures").forEach(f -> failures.add(f.asText()));
        return new RuleCompilationException(
                failures.isEmpty() ? "rules refused" : String.join("; ", failures), errors);
    }

    /**
     * The refusal, on the files that differ from the active rule set; with nothing to compare with
     * (a first start), one refusal that lists every file.
     */
    private static RuleCompilationException refused(
            RuleSources candidate, RuleSources current, String message) {
        List<RuleError> errors = new ArrayList<>();
        if (current != null) {
            changed(candidate.rules(), current.rules(), errors, message);
            changed(candidate.scenarios(), current.scenarios(), errors, message);
        }
        if (errors.isEmpty()) {
            List<String> all = new ArrayList<>(candidate.rules().keySet());
            all.addAll(candidate.scenarios().keySet());
            errors.add(
                    new RuleError(
                            ".", 0, 0, message + " (in one of " + String.join(", ", all) + ")"));
        }
        return new RuleCompilationException("rules refused: " + message, errors);
    }

    private static void changed(
            Map<String, byte[]> files,
            Map<String, byte[]> before,
            List<RuleError> errors,
            String message) {
        files.forEach(
                (name, content) -> {
                    if (!Arrays.equals(content, before.get(name))) {
                        errors.add(new RuleError(name, 0, 0, "changed; " + message));
                    }
                });
    }

    private static void write(Path dir, Map<String, byte[]> files) throws IOException {
        for (var f : files.entrySet()) {
            Path target = dir.resolve(f.getKey()).normalize();
            if (!target.startsWith(dir)) {
                throw new IOException("a file name leaves the rule folder: " + f.getKey());
            }
            Files.createDirectories(target.getParent());
            Files.write(target, f.getValue());
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0
                ? Long.toString(d.toSeconds())
                : String.format(Locale.ROOT, "%.1f", d.toMillis() / 1e3);
    }

    private static void delete(Path work) {
        if (work == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(work)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.debugf("Could not remove %s: %s", work, e.getMessage());
        }
    }
}
