package dev.tiering.model;

/** An operator whose tier a change (of rules or deals) moves. */
public record TierChange(String ticker, Tier from, Tier to) {}
