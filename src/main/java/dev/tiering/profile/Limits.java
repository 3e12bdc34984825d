package dev.tiering.profile;

/**
 * Upper bounds on profile values. They keep absurd numbers (overflow, Infinity) and oversized lists out of the
 * engine; none is anywhere near a real operator's figures.
 */
public final class Limits {
    /** Longest free-text field (names, counterparties). */
    public static final int MAX_TEXT = 200;
    /** Most sites in one profile. */
    public static final int MAX_SITES = 500;
    /** Most deals in one profile. */
    public static final int MAX_DEALS = 500;
    /** Largest site or deal size in MW (1 TW). */
    public static final String MAX_MW = "1000000";
    /** Largest deal value in USD (USD 10 trillion). */
    public static final String MAX_USD = "10000000000000";
    /** Most GPUs in one cloud. */
    public static final long MAX_GPUS = 100_000_000L;

    private Limits() {
    }
}
