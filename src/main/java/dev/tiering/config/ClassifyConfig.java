package dev.tiering.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the classify endpoints. */
@ConfigMapping(prefix = "tiering.classify")
public interface ClassifyConfig {
    /** Most profiles in one {@code POST /classify/batch}. */
    @WithDefault("1000")
    int maxBatch();
}
