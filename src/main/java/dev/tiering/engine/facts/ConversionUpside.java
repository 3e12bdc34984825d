package dev.tiering.engine.facts;

/**
 * Result fact of gaps.drl: what the operator's binding colocation book would earn more a year if it
 * were priced as bare metal (MODEL.md, "conversion upside").
 */
public record ConversionUpside(double usdPerYear) {}
