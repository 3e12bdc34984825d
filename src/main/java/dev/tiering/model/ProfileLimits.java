package dev.tiering.model;

/**
 * How big one operator may be: sites, deals and text lengths, and the band of plausible deal
 * densities. The defaults are far above any real operator's figures; they keep huge lists and
 * strings away from the rule engine and the store, and a deal priced at USD 10,000,000,000 B per
 * MW-year (0.001 MW for 0.001 years) out of the answers. The service reads them from configuration
 * ({@code tiering.limits.*}).
 *
 * @param minDensityUsd the lowest density (USD per MW-year) a deal with value, MW and term may have
 * @param maxDensityUsd the highest
 */
public record ProfileLimits(
        int maxSites, int maxDeals, int maxText, double minDensityUsd, double maxDensityUsd) {
    /** Default for {@link #maxSites()}. */
    public static final int MAX_SITES = 500;

    /** Default for {@link #maxDeals()}. */
    public static final int MAX_DEALS = 500;

    /** Default for {@link #maxText()}, in characters. */
    public static final int MAX_TEXT = 200;

    /** Default for {@link #minDensityUsd()}: USD 10,000 per MW-year. */
    public static final String MIN_DENSITY_USD = "10000";

    /** Default for {@link #maxDensityUsd()}: USD 1 B per MW-year. */
    public static final String MAX_DENSITY_USD = "1000000000";

    /** The defaults. */
    public static final ProfileLimits DEFAULTS = new ProfileLimits(MAX_SITES, MAX_DEALS, MAX_TEXT);

    /** Sizes, with the default density band. */
    public ProfileLimits(int maxSites, int maxDeals, int maxText) {
        this(
                maxSites,
                maxDeals,
                maxText,
                Double.parseDouble(MIN_DENSITY_USD),
                Double.parseDouble(MAX_DENSITY_USD));
    }
}
