package dev.tiering.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiering.codec.Json;
import dev.tiering.engine.Classifier;
import dev.tiering.engine.RuleCompiler;
import dev.tiering.engine.RuleEngine;
import dev.tiering.model.ProfileValidator;
import dev.tiering.scenario.ScenarioCheck;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code java -jar target/tiering-check.jar [--junit FILE] [--min-coverage F] [--operators FILE
 * --baseline DIR] [--json] DIR}: checks a rule folder the way the service's gate does, with no
 * server and no database, for an analyst's terminal, a pre-commit hook and CI. Exit 0 when
 * everything holds, 1 when a file does not compile, a scenario fails or coverage is under the bar,
 * 2 on bad usage.
 *
 * <p>{@link #run} does the work and returns the exit code; only {@link #main} exits, so tests (and
 * anything else) can run the command in-process. Checking is {@link FolderCheck}; printing is
 * {@link TextReport}, {@link JsonReport} and {@link JunitReport}.
 */
public final class CheckCommand {
    /**
     * The firing limit of one classification: the service's default ({@code
     * tiering.rules.max-firings}).
     */
    static final int MAX_FIRINGS = 10_000;

    static final String HELP =
            """
            Checks a rule folder as the service would before taking it: compiles its .drl files, runs its
            scenarios/*.json, and measures which rules the scenarios fire. No server, no database.

              DIR                 the rule folder (e.g. rules)
              --min-coverage F    fail when fewer than F (0 to 1) of the rules are fired by a scenario
              --junit FILE        also write a JUnit XML report (one test case per scenario) to FILE
              --operators FILE    a JSON array of profiles (or of {"profile": ...} objects) ...
              --baseline DIR      ... classified with DIR and with this baseline folder: prints who changes tier
              --json              print one JSON document instead of the text report

            Exit status: 0 all holds; 1 a file does not compile, a scenario fails, or coverage is under
            --min-coverage; 2 bad usage.\
            """;

    private CheckCommand() {}

    public static void main(String[] args) {
        // A rule's consequence runs inside this JVM and may call System.exit(0): without this guard
        // the check would end "successfully" half-way. Any exit that does not come from here below
        // ends with status 1.
        AtomicBoolean finished = new AtomicBoolean();
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    if (!finished.get()) {
                                        System.err.println(
                                                "tiering-check: the check was cut short (a rule"
                                                    + " called System.exit, or the process was"
                                                    + " stopped): nothing was checked to the end");
                                        System.err.flush();
                                        Runtime.getRuntime().halt(CheckReport.FAILED);
                                    }
                                },
                                "tiering-check-exit-guard"));
        int code;
        if (args.length == 1 && args[0].equals(SERVE)) {
            try {
                code = server().serve(System.in, System.out);
            } catch (IOException | RuntimeException e) {
                System.err.println("tiering-check: the checker stopped: " + e);
                code = CheckReport.FAILED;
            }
        } else {
            code = run(args, System.out, System.err);
        }
        System.out.flush();
        finished.set(true);
        System.exit(code);
    }

    /**
     * The mode in which the service runs this command as its checker: one JVM that checks every
     * candidate ({@link CheckServer}).
     */
    public static final String SERVE = "--serve";

    static FolderCheck folderCheck(ObjectMapper json) {
        Clock clock = Clock.systemUTC();
        RuleEngine engine = new RuleEngine(MAX_FIRINGS);
        return new FolderCheck(
                new RuleCompiler(RuleCompiler.class.getClassLoader(), clock),
                new ScenarioCheck(engine, clock),
                new Classifier(engine, clock),
                json,
                new ProfileValidator());
    }

    private static CheckServer server() {
        ObjectMapper json = Json.mapper();
        return new CheckServer(folderCheck(json), json);
    }

    /**
     * Runs the command: the report to {@code out}, usage problems to {@code err}.
     *
     * @return the exit code: {@link CheckReport#OK}, {@link CheckReport#FAILED} or {@link
     *     CheckReport#USAGE}
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CheckOptions options;
        try {
            options = CheckOptions.parse(args);
        } catch (CheckOptions.HelpRequested h) {
            out.println(CheckOptions.USAGE);
            out.println();
            out.println(HELP);
            return CheckReport.OK;
        } catch (CheckOptions.UsageException e) {
            err.println("tiering-check: " + e.getMessage());
            err.println(CheckOptions.USAGE);
            return CheckReport.USAGE;
        }
        ObjectMapper json = Json.mapper();
        CheckReport report = folderCheck(json).run(options);
        if (options.junit() != null) {
            try {
                Path parent = options.junit().toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(
                        options.junit(), JunitReport.render(report), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println(
                        "tiering-check: cannot write the JUnit report "
                                + options.junit()
                                + ": "
                                + e);
                return CheckReport.USAGE;
            }
        }
        if (options.json()) {
            out.println(JsonReport.render(report, json));
        } else {
            TextReport.print(report, out);
        }
        return report.exitCode();
    }
}
