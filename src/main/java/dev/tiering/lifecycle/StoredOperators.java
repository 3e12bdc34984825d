package dev.tiering.lifecycle;
import dev.tiering.engine.RuleSet;

import dev.tiering.model.Tier;
import java.util.List;

/**
 * The port through which the rule-set lifecycle reaches the operator store: reclassify every stored operator
 * with a rule set, and report who changed tier.
 */
public interface StoredOperators {

    /** A stored operator whose tier a rule set moves. */
    record TierChange(String ticker, Tier from, Tier to) {
    }

    /**
     * Classifies every stored operator with {@code rules}. With {@code apply}, stores each new classification
     * and a history row with cause {@code RULES}; without, changes nothing (a dry run).
     *
     * @return every tier move, by ticker
     */
    List<TierChange> reclassifyAll(RuleSet rules, boolean apply);
}
