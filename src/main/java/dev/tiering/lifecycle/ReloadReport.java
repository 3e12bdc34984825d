package dev.tiering.lifecycle;

import dev.tiering.model.TierChange;
import dev.tiering.model.TimelineChange;
import java.util.List;

/**
 * The answer of a reload (or a rollback): the rule-set version that is (or, on a dry run, would be)
 * active, every stored operator whose tier it moves, and every date of their timelines it would
 * judge differently.
 *
 * @param previousVersion the version that was serving when the reload began
 * @param activated whether this reload swapped a new rule set in (false on a dry run and when the
 *     sources already were the active version)
 * @param scenarios how many scenarios the candidate passed
 * @param timelineChanges the backtest: each date of a stored operator's timeline on which the
 *     candidate and the rule set active before give different tiers
 * @param skippedScenarios scenarios not checked because they assume other threshold values, each
 *     with why
 */
public record ReloadReport(
        String version,
        String previousVersion,
        boolean dryRun,
        boolean activated,
        int scenarios,
        List<TierChange> changes,
        List<TimelineChange> timelineChanges,
        List<String> skippedScenarios) {}
