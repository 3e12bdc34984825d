package dev.tiering.lifecycle;
import dev.tiering.config.RulesConfig;
import dev.tiering.engine.RuleCompiler;
import dev.tiering.engine.RuleEngine;
import dev.tiering.engine.RuleSet;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the rule set that serves requests. Requests read it once and keep that version to the end, so a swap
 * never changes rules under a request in flight. {@link RuleLifecycle} fills it at start and swaps it on reload.
 */
@ApplicationScoped
public class ActiveRules {
    private final RulesConfig config;
    private final RuleCompiler compiler = new RuleCompiler();
    private final RuleEngine engine;
    private final AtomicReference<RuleSet> active = new AtomicReference<>();

    public ActiveRules(RulesConfig config) {
        this.config = config;
        this.engine = new RuleEngine(config.maxFirings());
    }

    public Path folder() {
        return Path.of(config.dir());
    }

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

    public RuleEngine engine() {
        return engine;
    }

    public RuleCompiler compiler() {
        return compiler;
    }

    /** Makes {@code next} the serving rule set if {@code expected} still is; false if someone swapped first. */
    public boolean swap(RuleSet expected, RuleSet next) {
        return active.compareAndSet(expected, next);
    }
}
