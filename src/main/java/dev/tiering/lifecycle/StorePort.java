package dev.tiering.lifecycle;

import dev.tiering.engine.RuleSet;
import dev.tiering.model.TierChange;
import java.util.List;

/**
 * What the rule-set lifecycle needs of the operator store: to know what a candidate would change, and to apply
 * it. The store implements it; without a store (the check command, tests) {@link #NONE} stands in.
 */
public interface StorePort {
    /** Classifies every stored operator with {@code candidate}, writing nothing; every tier move, by ticker. */
    List<TierChange> preview(RuleSet candidate);

    /** Stores every operator's classification by {@code active}, the rule set just made active; its tier moves. */
    List<TierChange> apply(RuleSet active);

    /** No store: nothing to preview or apply. */
    StorePort NONE = new StorePort() {
        @Override
        public List<TierChange> preview(RuleSet candidate) {
            return List.of();
        }

        @Override
        public List<TierChange> apply(RuleSet active) {
            return List.of();
        }
    };
}
