package dev.tiering.engine.facts;

/**
 * Result fact of gaps.drl: what one binding colocation deal would earn more a year if it were
 * priced as bare metal (MODEL.md, "conversion upside"); the operator's upside is their sum. A null
 * amount is not known (the deal lacks its MW), and makes the sum not known.
 */
public record ConversionUpside(String deal, Double usdPerYear) {
    /**
     * The upside of a whole colocation book, as rule files of earlier rule sets insert it; they
     * stay in the archive and must compile again for a replay, a backtest or a rollback.
     */
    public ConversionUpside(double usdPerYear) {
        this(null, usdPerYear);
    }

    /** A deal's upside. */
    public static ConversionUpside of(DealFact deal, double usdPerYear) {
        return new ConversionUpside(deal.getId(), usdPerYear);
    }

    /** A deal whose upside is not known. */
    public static ConversionUpside unknown(DealFact deal) {
        return new ConversionUpside(deal.getId(), null);
    }
}
