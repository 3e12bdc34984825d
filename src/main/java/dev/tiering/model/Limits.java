package dev.tiering.model;

/**
 * Upper bounds on profile numbers. They keep absurd numbers (overflow, Infinity) out of the engine; none is
 * anywhere near a real operator's figures. Counts and text lengths are configuration: {@link ProfileLimits}.
 */
public final class Limits {
    /** Largest site or deal size in MW (1 TW). */
    public static final String MAX_MW = "1000000";
    /** Largest deal value in USD (USD 10 trillion). */
    public static final String MAX_USD = "10000000000000";
    /** Most GPUs in one cloud. */
    public static final long MAX_GPUS = 100_000_000L;

    private Limits() {
    }
}
