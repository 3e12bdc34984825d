package dev.tiering.lifecycle;

import dev.tiering.engine.RuleSet;
import dev.tiering.model.TierChange;
import java.util.List;

/**
 * What the rule-set lifecycle needs of the operator store: to know what a candidate would change,
 * and to apply it. The store implements it; without a store (the check command, tests) {@link
 * #NONE} stands in.
 */
public interface StorePort {
    /**
     * Classifies every stored operator with {@code candidate}, today and on each date of its
     * timeline, and compares with {@code active} (null before the first rule set); writes nothing.
     */
    Impact preview(RuleSet candidate, RuleSet active);

    /**
     * Stores every operator's classification by {@code active}, the rule set just made active, with
     * a history entry where something changed; its tier moves.
     *
     * @param by who made the change: a user name, {@code watcher} or {@code startup}
     */
    List<TierChange> apply(RuleSet active, String by);

    /** No store: nothing to preview or apply. */
    StorePort NONE =
            new StorePort() {
                @Override
                public Impact preview(RuleSet candidate, RuleSet active) {
                    return Impact.NONE;
                }

                @Override
                public List<TierChange> apply(RuleSet active, String by) {
                    return List.of();
                }
            };
}
