package dev.tiering.model;

/**
 * What an operator lacks for a tier or stage above its own (MODEL.md, "What would move it"): the
 * rule that found it, its file, and a sentence with the numbers.
 *
 * @param toward the tier or stage it would reach: {@code TIER_1}, {@code TIER_2}, {@code TIER_3},
 *     {@code BARE_METAL} or {@code NEOCLOUD}
 */
public record Gap(String toward, String rule, String file, String message) {}
