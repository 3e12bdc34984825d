package dev.tiering.model;

import java.time.Instant;

/** Which rule set produced a classification. */
public record RuleSetRef(String version, Instant loadedAt) {}
