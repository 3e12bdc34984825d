package dev.tiering.model;

/** Who a deal's counterparty (or guarantor) is, in the research note's words. */
public enum CounterpartyType {
    HYPERSCALER, AI_LAB, ENTERPRISE, NEOCLOUD, CHIPMAKER, OTHER
}
