package dev.tiering.engine.facts;

/**
 * Result fact of screen.drl: an operator picked, for which pick, and the figure it was ranked by.
 */
public record ScreenPick(Kind kind, String ticker, double rankedBy) {
    /** The note's picks. */
    public enum Kind {
        FULL_STACK_LEADER,
        CONTRACT_QUALITY_LEADER,
        HIGH_POTENTIAL
    }

    public Kind getKind() {
        return kind;
    }

    public String getTicker() {
        return ticker;
    }
}
