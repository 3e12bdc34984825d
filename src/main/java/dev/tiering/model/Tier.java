package dev.tiering.model;

/** The note's three-tier hierarchy, plus operators that meet none of it. */
public enum Tier {
    TIER_1, TIER_2, TIER_3, UNTIERED
}
