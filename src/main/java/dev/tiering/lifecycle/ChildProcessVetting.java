package dev.tiering.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiering.engine.RuleCompilationException;
import dev.tiering.engine.RuleError;
import dev.tiering.engine.RuleSources;
import java.io.File;
import java.io.IOException;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Vets a candidate in a child JVM that runs the check command ({@code dev.tiering.cli.CheckCommand
 * --json}) on a copy of the candidate's files, under a time budget and a heap of its own. What the
 * rules could do to a process (loop forever, fill the heap, end the JVM) happens to the child: it
 * is killed at the budget, and the candidate is refused like any rule error, with the changed files
 * named. A child that reports (whether the rules hold or not) lets the candidate through to the
 * in-process gate, which finds the same errors with file and line.
 *
 * <p>The child runs on this process's own class path (the packaged service's {@code quarkus-app}
 * folders, or the class path of a test), so it checks with exactly the engine that would serve the
 * rules.
 */
public final class ChildProcessVetting implements CandidateVetting {
    private static final Logger LOG = Logger.getLogger(ChildProcessVetting.class);

    /**
     * The check command's entry point, by name: the lifecycle does not depend on the command line's
     * layer.
     */
    static final String CHECK_COMMAND = "dev.tiering.cli.CheckCommand";

    private static final int STDERR_TAIL = 400;

    private final List<String> launch;
    private final Duration budget;
    private final ObjectMapper json;

    /**
     * @param heap the child's maximum heap, as {@code -Xmx} takes it ({@code 256m})
     * @param budget how long the child may take; then it is killed and the candidate refused
     */
    public ChildProcessVetting(String heap, Duration budget, ObjectMapper json) {
        this(command(heap, CHECK_COMMAND), budget, json);
    }

    ChildProcessVetting(List<String> launch, Duration budget, ObjectMapper json) {
        this.launch = List.copyOf(launch);
        this.budget = budget;
        this.json = json;
    }

    /**
     * {@code java -Xmx… -cp <this process's class path> <main>}, with options for a short-lived,
     * bounded JVM.
     */
    static List<String> command(String heap, String main) {
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.add("-Xmx" + heap);
        c.add("-XX:+UseSerialGC"); // one small heap, no GC threads to compete with the service
        // for its cores
        c.add("-XX:TieredStopAtLevel=1"); // a check is short: the quick compiler starts faster
        // than C2 pays back
        c.add("-XX:+ExitOnOutOfMemoryError"); // a rule that fills the heap ends the child, not a
        // scenario
        c.add("-Djava.awt.headless=true");
        c.add("-cp");
        c.add(classPath());
        c.add(main);
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

    @Override
    public void vet(RuleSources candidate, RuleSources current) {
        Path work = null;
        try {
            work = Files.createTempDirectory("tiering-vet-");
            Path dir = Files.createDirectory(work.resolve("rules"));
            write(dir, candidate.rules());
            write(dir, candidate.scenarios());
            Path out = work.resolve("report.json");
            Path err = work.resolve("stderr.txt");
            List<String> command = new ArrayList<>(launch);
            command.add("--json");
            command.add(dir.toString());
            long started = System.nanoTime();
            Process child;
            try {
                child =
                        new ProcessBuilder(command)
                                .directory(work.toFile())
                                .redirectOutput(out.toFile())
                                .redirectError(err.toFile())
                                .redirectInput(ProcessBuilder.Redirect.from(nullFile()))
                                .start();
            } catch (IOException e) {
                // No java to start (a stripped image): the in-process gate alone, as without
                // vetting.
                LOG.warnf(
                        "Cannot start a child JVM to check rule set %s first (%s); checking in this"
                                + " process only",
                        candidate.version(), e.getMessage());
                return;
            }
            boolean ended = child.waitFor(budget.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                child.descendants().forEach(ProcessHandle::destroyForcibly);
                child.destroyForcibly();
                child.waitFor(10, TimeUnit.SECONDS);
                throw refused(
                        candidate,
                        current,
                        "checking these rules (compiling them and running their"
                                + " scenarios, in a process of their own) took longer than "
                                + seconds(budget)
                                + " s and was stopped: does a rule or function in them never end?");
            }
            int status = child.exitValue();
            JsonNode report = report(out);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            if (report == null
                    || !report.path("exitCode").canConvertToInt()
                    || report.path("exitCode").asInt() != status) {
                throw refused(
                        candidate,
                        current,
                        "checking these rules stopped the process that ran them (status "
                                + status
                                + (report == null ? ", no report" : "")
                                + "): does a rule end the program or"
                                + " exhaust its memory?"
                                + tail(err));
            }
            LOG.debugf(
                    "Rule set %s checked in a child JVM in %d ms: %s",
                    candidate.version(),
                    millis,
                    status == 0 ? "it holds" : "it does not hold; the gate here says where");
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot prepare a folder to check rule set " + candidate.version(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refused(candidate, current, "checking these rules was interrupted");
        } finally {
            delete(work);
        }
    }

    private JsonNode report(Path out) {
        try {
            String text = Files.readString(out, StandardCharsets.UTF_8);
            int start =
                    text.indexOf(
                            '{'); // anything a library printed before the document is not part of
            // it
            return start < 0 ? null : json.readTree(text.substring(start));
        } catch (IOException | RuntimeException e) {
            return null;
        }
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

    private static String tail(Path err) {
        try {
            String text = Files.readString(err, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                return "";
            }
            String last = text.substring(text.lastIndexOf('\n') + 1).strip();
            return " (it said: "
                    + (last.length() > STDERR_TAIL ? last.substring(0, STDERR_TAIL) + "…" : last)
                    + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0
                ? Long.toString(d.toSeconds())
                : String.format(Locale.ROOT, "%.1f", d.toMillis() / 1e3);
    }

    private static File nullFile() {
        return new File(File.separatorChar == '\\' ? "NUL" : "/dev/null");
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
