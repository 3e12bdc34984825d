package dev.tiering.cli;

import dev.tiering.model.TierChange;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one check found, before it is printed: the command prints it as text, as JSON ({@code
 * --json}) and as JUnit XML ({@code --junit}) from this one record, and decides its exit code from
 * it.
 *
 * @param dir the rule folder as given on the command line
 * @param version the version of its rule files, or null where they could not be read
 * @param compiled whether the rule files compiled (scenarios run only then)
 * @param ruleFiles the rule files of the folder, relative to it
 * @param errors every problem, in the order found: unreadable or non-compiling files, unreadable
 *     scenarios, scenario differences, rules that failed or kept firing, problems of the blast
 *     radius
 * @param scenarios one outcome per scenario file, by file name
 * @param coverage which rules the scenarios fired; null when the rules did not compile
 * @param moves who the change moves, with {@code --operators} and {@code --baseline}; null
 *     otherwise
 */
public record CheckReport(
        String dir,
        String version,
        boolean compiled,
        List<String> ruleFiles,
        List<Problem> errors,
        List<ScenarioOutcome> scenarios,
        Coverage coverage,
        Moves moves) {

    /** Exit code: everything holds. */
    public static final int OK = 0;

    /** Exit code: a file does not compile, a scenario fails, or coverage is under the bar. */
    public static final int FAILED = 1;

    /** Exit code: the command line is wrong. */
    public static final int USAGE = 2;

    /**
     * One problem, where it is and what it is.
     *
     * @param path the file as a person opens it: the folder given on the command line joined with
     *     {@code file}
     * @param file the file relative to its folder ({@code tiers.drl}, {@code scenarios/iren.json});
     *     empty for a problem of the folder itself
     * @param line 1-based; 0 where unknown
     * @param column 1-based; 0 where unknown
     */
    public record Problem(String path, String file, int line, int column, String message) {}

    /**
     * A rule: its file (relative to the rule folder), the line of its {@code rule} keyword, its
     * name.
     */
    public record RuleRef(String file, int line, String rule) {}

    /** What became of one scenario. */
    public enum Status {
        /** It ran and came out as expected. */
        PASSED,
        /** It ran and came out different, or a rule failed or kept firing on it. */
        FAILED,
        /** It assumes other threshold values than the rules have: not checked, fires nothing. */
        SKIPPED,
        /** Its file could not be read (bad JSON, unknown field, invalid profile). */
        UNREADABLE,
        /**
         * It could not run: the rules did not compile, or (in the service's gate) a rule ran away
         * on an earlier scenario.
         */
        NOT_RUN
    }

    /**
     * One scenario file and its outcome.
     *
     * @param differences what differed from its expectation (or why the rules failed on it); empty
     *     unless failed
     * @param skipped why it was skipped or not run, or null
     * @param fired the rules its classification fired
     * @param millis how long its classification took
     */
    public record ScenarioOutcome(
            String file,
            String name,
            Status status,
            List<String> differences,
            String skipped,
            List<RuleRef> fired,
            long millis) {}

    /**
     * Which rules the scenarios fired. Only classification rules count: screen rules rank all
     * stored operators at once and no scenario (one operator) can fire them, so they are listed
     * apart.
     *
     * @param fired classification rules that at least one scenario fired
     * @param unfired classification rules that no scenario fired
     * @param notCounted screen rules, outside the measure
     * @param min the bar ({@code --min-coverage}), or null
     */
    public record Coverage(
            List<RuleRef> fired, List<RuleRef> unfired, List<RuleRef> notCounted, Double min) {
        /** Fired classification rules ÷ all classification rules; 1 where there are none. */
        public double ratio() {
            int total = fired.size() + unfired.size();
            return total == 0 ? 1.0 : (double) fired.size() / total;
        }

        /** Whether the coverage reaches the bar (always, without one). */
        public boolean met() {
            return min == null || ratio() >= min - 1e-9;
        }
    }

    /**
     * The blast radius: the operators of {@code --operators} whose tier the rule folder gives
     * differently from the baseline folder, classified today, as the dry run does.
     */
    public record Moves(
            String operatorsFile,
            String baseline,
            String baselineVersion,
            int operators,
            List<TierChange> changes) {}

    public long count(Status status) {
        return scenarios.stream().filter(s -> s.status() == status).count();
    }

    /** Why the check fails, one phrase each; empty when everything holds. */
    public List<String> failures() {
        List<String> why = new ArrayList<>();
        if (version == null) {
            why.add("the rule folder cannot be read");
        } else if (!compiled) {
            why.add("the rules do not compile");
        }
        long failed = count(Status.FAILED);
        if (failed > 0) {
            why.add(failed + (failed == 1 ? " scenario fails" : " scenarios fail"));
        }
        long notRun = count(Status.NOT_RUN);
        if (compiled && notRun > 0) { // only the service's gate stops after a runaway
            why.add(
                    notRun
                            + (notRun == 1 ? " scenario" : " scenarios")
                            + " not run after a runaway");
        }
        long unreadable = count(Status.UNREADABLE);
        if (unreadable > 0) {
            why.add(
                    unreadable
                            + (unreadable == 1
                                    ? " scenario file is unreadable"
                                    : " scenario files are unreadable"));
        }
        if (coverage != null && !coverage.met()) {
            why.add(
                    "coverage "
                            + CheckReport.decimal(coverage.ratio())
                            + " is under "
                            + decimal(coverage.min()));
        }
        if (why.isEmpty() && !errors.isEmpty()) {
            why.add(errors.size() + (errors.size() == 1 ? " error" : " errors"));
        }
        return why;
    }

    public int exitCode() {
        return failures().isEmpty() ? OK : FAILED;
    }

    /** A ratio as a person reads it: 0.85, 1.0, 0.9412. */
    static String decimal(double v) {
        String s =
                java.math.BigDecimal.valueOf(v)
                        .setScale(4, java.math.RoundingMode.FLOOR)
                        .stripTrailingZeros()
                        .toPlainString();
        return s.contains(".") ? s : s + ".0";
    }
}
