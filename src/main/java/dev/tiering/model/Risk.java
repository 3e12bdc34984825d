package dev.tiering.model;

/** A risk flag with the numbers that raised it. */
public record Risk(RiskCode code, String message) {}
