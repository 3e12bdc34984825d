package dev.tiering.rules.facts;

import dev.tiering.classification.Tier;

/** Result fact: the operator's tier. The tier rules insert exactly one. */
public record TierAssigned(Tier tier) {
    public Tier getTier() { return tier; }
}
