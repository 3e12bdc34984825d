package dev.tiering.model;

/** The note's three-tier hierarchy, plus operators that meet none of it. */
public enum Tier {
    TIER_1("Tier 1"),
    TIER_2("Tier 2"),
    TIER_3("Tier 3"),
    UNTIERED("untiered");

    private final String words;

    Tier(String words) {
        this.words = words;
    }

    /** How a research note writes it: "Tier 1". */
    public String words() {
        return words;
    }
}
