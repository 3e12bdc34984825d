package dev.tiering.model;

/** Whether a deal binds its counterparty; a letter of intent or an MOU is {@code NON_BINDING}. */
public enum DealStatus {
    BINDING, NON_BINDING
}
