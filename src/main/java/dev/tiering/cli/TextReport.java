package dev.tiering.cli;

import dev.tiering.cli.CheckReport.Coverage;
import dev.tiering.cli.CheckReport.Moves;
import dev.tiering.cli.CheckReport.Problem;
import dev.tiering.cli.CheckReport.RuleRef;
import dev.tiering.cli.CheckReport.ScenarioOutcome;
import dev.tiering.cli.CheckReport.Status;
import dev.tiering.model.TierChange;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The report as a person and a CI log read it. Every problem first, one line each in the compiler
 * convention {@code FILE:LINE:COLUMN: error: MESSAGE} that editors and CI annotations understand;
 * then each failing and skipped scenario with what differed; then coverage and the rules no
 * scenario fires; then who the change moves; last one line saying whether everything holds.
 */
final class TextReport {
    private TextReport() {}

    static void print(CheckReport r, PrintStream out) {
        for (Problem p : r.errors()) {
            String where = p.file().isEmpty() ? p.path() : position(p.path(), p.line(), p.column());
            out.println(diagnostic(where, "error", p.message()));
        }
        if (!r.errors().isEmpty()) {
            out.println();
        }
        scenarios(r, out);
        coverage(r, out);
        moves(r.moves(), r.dir(), r.version(), out);
        List<String> failures = r.failures();
        out.println(
                failures.isEmpty()
                        ? "OK: " + r.dir() + " holds (rule set " + r.version() + ")"
                        : "FAILED: " + String.join("; ", failures));
    }

    /**
     * {@code rules/tiers.drl:43:44: error: ...}; a problem of the folder itself has no position. A
     * message of several lines (MVEL's) is joined into one.
     */
    static String diagnostic(String where, String severity, String message) {
        String text =
                message.lines()
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .collect(Collectors.joining(" "));
        return where + ": " + severity + ": " + text;
    }

    /**
     * {@code FILE:LINE:COLUMN}; an unknown line or column shows as 1, so that every tool can open
     * the file.
     */
    static String position(String path, int line, int column) {
        return path + ":" + Math.max(line, 1) + ":" + Math.max(column, 1);
    }

    private static void scenarios(CheckReport r, PrintStream out) {
        boolean any = false;
        for (ScenarioOutcome s : r.scenarios()) {
            if (s.status() == Status.FAILED || s.status() == Status.UNREADABLE) {
                out.println(s.status() + " " + s.file() + ": " + s.name());
                s.differences().forEach(d -> out.println("    " + d));
                if (!s.fired().isEmpty()) {
                    out.println("    rules fired:");
                    s.fired()
                            .forEach(
                                    f ->
                                            out.println(
                                                    "      " + f.file() + ":" + f.line() + " "
                                                            + f.rule()));
                }
                any = true;
            }
        }
        long skipped = r.count(Status.SKIPPED);
        for (ScenarioOutcome s : r.scenarios()) {
            if (s.status() == Status.SKIPPED) {
                out.println("SKIPPED " + s.file() + ": " + s.skipped());
            }
        }
        if (skipped > 0) {
            out.println(
                    "    (a skipped scenario was written for other threshold values: it checks"
                        + " nothing and fires nothing; once its expectation is checked against the"
                        + " new values, update its \"assumes\")");
            any = true;
        }
        if (any) {
            out.println();
        }
        if (r.version() == null) {
            out.println("scenarios: not run: the rule folder cannot be read");
            return;
        }
        if (!r.compiled()) {
            out.println(
                    "scenarios: not run ("
                            + r.scenarios().size()
                            + " found): the rules do not compile");
            return;
        }
        String line =
                "scenarios: "
                        + r.count(Status.PASSED)
                        + " passed, "
                        + r.count(Status.FAILED)
                        + " failed, "
                        + r.count(Status.SKIPPED)
                        + " skipped";
        out.println(
                r.count(Status.UNREADABLE) > 0
                        ? line + " (" + r.count(Status.UNREADABLE) + " unreadable)"
                        : line);
    }

    private static void coverage(CheckReport r, PrintStream out) {
        Coverage c = r.coverage();
        if (c == null) {
            return;
        }
        int total = c.fired().size() + c.unfired().size();
        out.println(
                "coverage: "
                        + CheckReport.decimal(c.ratio())
                        + " ("
                        + c.fired().size()
                        + " of "
                        + total
                        + " rules fired by a scenario"
                        + (c.min() == null
                                ? ""
                                : "; at least " + CheckReport.decimal(c.min()) + " wanted")
                        + ")");
        // Under the bar, each rule no scenario fires is what fails the check: an error at the rule.
        String severity = c.met() ? "warning" : "error";
        for (RuleRef rule : c.unfired()) {
            out.println(
                    diagnostic(
                            position(
                                    Path.of(r.dir()).resolve(rule.file()).toString(),
                                    rule.line(),
                                    1),
                            severity,
                            "no scenario fires rule '" + rule.rule() + "'"));
        }
        if (!c.notCounted().isEmpty()) {
            out.println(
                    "not counted: "
                            + c.notCounted().size()
                            + " screen rule(s) of "
                            + c.notCounted().stream()
                                    .map(RuleRef::file)
                                    .distinct()
                                    .collect(Collectors.joining(", "))
                            + ", which rank all stored operators at once; a scenario classifies one"
                            + " operator");
        }
    }

    private static void moves(Moves m, String dir, String version, PrintStream out) {
        if (m == null) {
            return;
        }
        out.println(
                "moves from "
                        + m.baseline()
                        + " (rule set "
                        + m.baselineVersion()
                        + ") to "
                        + dir
                        + " (rule set "
                        + version
                        + "): "
                        + m.changes().size()
                        + " of the "
                        + m.operators()
                        + " operators of "
                        + m.operatorsFile()
                        + " change tier");
        for (TierChange c : m.changes()) {
            out.println("    " + c.ticker() + " " + c.from() + " -> " + c.to());
        }
    }
}
