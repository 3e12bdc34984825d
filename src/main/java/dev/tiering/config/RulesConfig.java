package dev.tiering.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where the rule files live and how the service keeps up with edits to them. */
@ConfigMapping(prefix = "tiering.rules")
public interface RulesConfig {
    /** Folder of the rule files (and of {@code scenarios/}). */
    @WithDefault("rules")
    String dir();

    /** Reload by itself when a file in the folder changes. */
    @WithDefault("true")
    boolean watch();

    /**
     * How long the folder must stay quiet after a change before it is reloaded (an editor's save is
     * a burst).
     */
    @WithDefault("PT0.3S")
    Duration debounce();

    /** Most rule firings one classification may take; more means a rule keeps re-firing itself. */
    @WithDefault("10000")
    int maxFirings();

    /**
     * Check each new candidate first in the checker, a JVM beside the service that stays up between
     * candidates, where what the sandbox cannot bound (a library call that never returns, a heap
     * gone at once) costs only the checker. Off, the candidate is compiled and checked in this
     * process alone, within the sandbox and its budgets (the tests do so; the tests of vetting turn
     * it on).
     */
    @WithDefault("true")
    boolean isolatedCheck();

    /**
     * How long the checker may take to compile and check a candidate before it is killed and the
     * rules refused (a rule that never ends is stopped by its budget long before).
     */
    @WithDefault("PT30S")
    Duration checkTimeout();

    /** The checker's maximum heap, as {@code -Xmx} takes it. */
    @WithDefault("256m")
    String checkHeap();
}
