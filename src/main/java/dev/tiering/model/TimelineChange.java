package dev.tiering.model;

import java.time.LocalDate;

/**
 * A date of an operator's timeline on which two rule sets give different tiers (a backtest's
 * finding).
 */
public record TimelineChange(String ticker, LocalDate date, Tier from, Tier to) {}
