package dev.tiering.lifecycle;

import dev.tiering.model.TierChange;
import java.util.List;

/**
 * The answer of a reload: the rule-set version that is (or, on a dry run, would be) active, and every stored
 * operator whose tier it moves.
 *
 * @param previousVersion  the version that was serving when the reload began
 * @param activated        whether this reload swapped a new rule set in (false on a dry run and when the sources
 *                         already were the active version)
 * @param scenarios        how many scenarios the candidate passed
 * @param skippedScenarios scenarios not checked because they assume other threshold values, each with why
 */
public record ReloadReport(String version, String previousVersion, boolean dryRun, boolean activated,
        int scenarios, List<TierChange> changes, List<String> skippedScenarios) {
}
