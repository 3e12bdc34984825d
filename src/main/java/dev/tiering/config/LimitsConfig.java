package dev.tiering.config;

import dev.tiering.model.ProfileLimits;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How big one operator may be ({@code tiering.limits.*}); the defaults are {@link ProfileLimits}'.
 */
@ConfigMapping(prefix = "tiering.limits")
public interface LimitsConfig {
    /** Most sites in one profile. */
    @WithDefault("" + ProfileLimits.MAX_SITES)
    int maxSites();

    /** Most deals of one operator, whether sent in a profile or added one by one. */
    @WithDefault("" + ProfileLimits.MAX_DEALS)
    int maxDeals();

    /** Longest free text (operator and site names, counterparties, guarantors), in characters. */
    @WithDefault("" + ProfileLimits.MAX_TEXT)
    int maxText();

    default ProfileLimits limits() {
        return new ProfileLimits(maxSites(), maxDeals(), maxText());
    }
}
