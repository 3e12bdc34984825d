package dev.tiering.engine.facts;

import dev.tiering.model.Tier;

/** Result fact: the operator's tier. The tier rules insert exactly one. */
public record TierAssigned(Tier tier) {
    public Tier getTier() {
        return tier;
    }
}
