package dev.tiering.lifecycle;

import dev.tiering.engine.RuleSet;
import dev.tiering.model.OperatorProfile;
import java.util.List;

/**
 * A rule set that compiled and passed its scenarios: what may go live.
 *
 * @param unchanged whether it is the active rule set itself (same version): nothing to swap or
 *     reclassify
 * @param skipped scenarios skipped because they assume other threshold values, each with why
 * @param profiles the scenarios' profiles, read once, for the warm-up before the swap
 */
public record Candidate(
        RuleSet rules,
        boolean unchanged,
        int scenariosPassed,
        List<String> skipped,
        List<OperatorProfile> profiles) {}
