package dev.tiering.config;

import dev.tiering.model.ProfileLimits;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How big one operator may be, and how densely a deal may be priced ({@code tiering.limits.*}); the
 * defaults are {@link ProfileLimits}'.
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

    /**
     * The lowest density (USD per MW-year) a deal with value, MW and term may have; below it the
     * profile is refused, naming the deal's value.
     */
    @WithDefault(ProfileLimits.MIN_DENSITY_USD)
    double minDensityUsd();

    /** The highest density (USD per MW-year) a deal with value, MW and term may have. */
    @WithDefault(ProfileLimits.MAX_DENSITY_USD)
    double maxDensityUsd();

    default ProfileLimits limits() {
        return new ProfileLimits(
                maxSites(), maxDeals(), maxText(), minDensityUsd(), maxDensityUsd());
    }
}
