package dev.tiering.model;

/**
 * Upper bounds on profile numbers. They keep absurd numbers (overflow, Infinity) out of the engine;
 * none is anywhere near a real operator's figures. Counts and text lengths are configuration:
 * {@link ProfileLimits}. The string forms feed the Bean Validation annotations of the records,
 * which document the contract in the OpenAPI schema; {@link ProfileValidator} enforces it.
 */
public final class Limits {
    /** Largest site or deal size in MW (1 TW). */
    public static final String MAX_MW = "1000000";

    /** Largest deal value in USD (USD 10 trillion). */
    public static final String MAX_USD = "10000000000000";

    /** Longest deal term in years. */
    public static final String MAX_TERM_YEARS = "50";

    /** Most GPUs in one cloud. */
    public static final long MAX_GPUS = 100_000_000L;

    static final double MAX_MW_VALUE = Double.parseDouble(MAX_MW);
    static final double MAX_USD_VALUE = Double.parseDouble(MAX_USD);
    static final double MAX_TERM_YEARS_VALUE = Double.parseDouble(MAX_TERM_YEARS);

    private Limits() {}
}
