package dev.tiering.model;

/** The note's four risk warnings. */
public enum RiskCode {
    COUNTERPARTY_CONCENTRATION("counterparty concentration"),
    GRID_INTERCONNECTION("grid interconnection"),
    HARDWARE_OBSOLESCENCE("hardware obsolescence"),
    CRYPTO_EXPOSURE("crypto exposure");

    private final String words;

    RiskCode(String words) {
        this.words = words;
    }

    /** How a research note writes it: "counterparty concentration". */
    public String words() {
        return words;
    }
}
