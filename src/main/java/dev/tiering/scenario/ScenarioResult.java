package dev.tiering.scenario;

import dev.tiering.engine.RuleError;
import java.util.List;
import java.util.Set;

/**
 * How one scenario fared against a candidate rule set.
 *
 * @param errors what differed from the expectation, or why the rules failed on it; empty when it
 *     passed
 * @param skipped why it was not checked (it assumes other threshold values), or null
 * @param firedRules the rules that fired on its profile, as {@code file} + NUL + {@code rule name}
 *     keys ({@link #key(String, String)})
 * @param runaway the rule that kept firing, or null
 */
public record ScenarioResult(
        Scenario scenario,
        List<RuleError> errors,
        String skipped,
        Set<String> firedRules,
        Runaway runaway) {

    /**
     * A rule that could not finish on the scenario's profile: it kept firing to the limit, or its
     * code ran out of its budget ({@code what} it did, {@code why} that is likely).
     */
    public record Runaway(String rule, String file, int line, String what, String why) {}

    public boolean passed() {
        return skipped == null && errors.isEmpty() && runaway == null;
    }

    public boolean failed() {
        return !errors.isEmpty() || runaway != null;
    }

    /** The key of a rule in {@link #firedRules()}. */
    public static String key(String file, String rule) {
        return file + "\u0000" + rule;
    }
}
