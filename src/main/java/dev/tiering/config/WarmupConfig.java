package dev.tiering.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Warming up: at start the service answers its own requests before it reports ready, and a new rule
 * set runs on sample profiles before it goes live, so neither a start nor a rule change begins with
 * a slump (issue 17).
 */
@ConfigMapping(prefix = "tiering.warmup")
public interface WarmupConfig {
    /**
     * Off: ready as soon as the rules are loaded, and a new rule set goes live cold (the tests run
     * so).
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * The most time the start may spend sending itself requests before it reports ready; it stops
     * sooner once the request rate stops rising.
     */
    @WithDefault("PT30S")
    Duration startBudget();

    /**
     * The most time a new rule set may spend being run on samples before it goes live; sooner once
     * settled.
     */
    @WithDefault("PT5S")
    Duration swapBudget();

    /**
     * How many stored operators (spread over the store) a warm-up classifies, besides the
     * scenarios.
     */
    @WithDefault("200")
    int sample();
}
