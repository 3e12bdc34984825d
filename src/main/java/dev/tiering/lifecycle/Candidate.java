package dev.tiering.lifecycle;

import dev.tiering.engine.RuleSet;
import java.util.List;

/**
 * A rule set that compiled and passed its scenarios: what may go live.
 *
 * @param unchanged whether it is the active rule set itself (same version): nothing to swap or
 *     reclassify
 * @param skipped scenarios skipped because they assume other threshold values, each with why
 * @param loaded whether its class files came ready (from the checker, or kept from an earlier
 *     start) rather than compiled here
 */
public record Candidate(
        RuleSet rules,
        boolean unchanged,
        int scenariosPassed,
        List<String> skipped,
        boolean loaded) {}
