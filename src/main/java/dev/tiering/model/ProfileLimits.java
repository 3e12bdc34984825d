package dev.tiering.model;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How big one operator may be: sites, deals and text lengths ({@code tiering.limits.*}). The defaults are far
 * above any real operator's figures; they keep huge lists and strings away from the rule engine and the store.
 */
@ConfigMapping(prefix = "tiering.limits")
public interface ProfileLimits {
    /** Most sites in one profile. */
    @WithDefault("500")
    int maxSites();

    /** Most deals of one operator, whether sent in a profile or added one by one. */
    @WithDefault("500")
    int maxDeals();

    /** Longest free text (operator and site names, counterparties, guarantors), in characters. */
    @WithDefault("200")
    int maxText();

    /** The defaults above, for code that runs without Quarkus (the rule tests). */
    static ProfileLimits defaults() {
        return new ProfileLimits() {
            @Override
            public int maxSites() {
                return 500;
            }

            @Override
            public int maxDeals() {
                return 500;
            }

            @Override
            public int maxText() {
                return 200;
            }
        };
    }
}
