package dev.tiering.lifecycle;

import dev.tiering.engine.RuleSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the rule set that serves requests. Requests read it once and keep that version to the end,
 * so a swap never changes rules under a request in flight. {@link RuleLifecycle} fills it at start
 * and swaps it.
 */
public final class ActiveRules {
    private final AtomicReference<RuleSet> active = new AtomicReference<>();

    /** The rule set serving now; never null once the service has started. */
    public RuleSet current() {
        RuleSet rules = active.get();
        if (rules == null) {
            throw new IllegalStateException("no rule set loaded");
        }
        return rules;
    }

    public boolean loaded() {
        return active.get() != null;
    }

    /**
     * Makes {@code next} the serving rule set if {@code expected} still is; false if someone
     * swapped first.
     */
    boolean swap(RuleSet expected, RuleSet next) {
        return active.compareAndSet(expected, next);
    }
}
