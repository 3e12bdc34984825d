package dev.tiering.model;

/** The note's four risk warnings. */
public enum RiskCode {
    COUNTERPARTY_CONCENTRATION, GRID_INTERCONNECTION, HARDWARE_OBSOLESCENCE, CRYPTO_EXPOSURE
}
