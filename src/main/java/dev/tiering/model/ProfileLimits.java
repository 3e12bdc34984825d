package dev.tiering.model;

/**
 * How big one operator may be: sites, deals and text lengths. The defaults are far above any real
 * operator's figures; they keep huge lists and strings away from the rule engine and the store. The
 * service reads them from configuration ({@code tiering.limits.*}).
 */
public record ProfileLimits(int maxSites, int maxDeals, int maxText) {
    /** Default for {@link #maxSites()}. */
    public static final int MAX_SITES = 500;

    /** Default for {@link #maxDeals()}. */
    public static final int MAX_DEALS = 500;

    /** Default for {@link #maxText()}, in characters. */
    public static final int MAX_TEXT = 200;

    /** The defaults. */
    public static final ProfileLimits DEFAULTS = new ProfileLimits(MAX_SITES, MAX_DEALS, MAX_TEXT);
}
