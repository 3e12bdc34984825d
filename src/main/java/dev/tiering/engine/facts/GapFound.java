package dev.tiering.engine.facts;

import dev.tiering.model.Stage;
import dev.tiering.model.Tier;

/**
 * Result fact of gaps.drl: what the operator lacks for a tier or a stage above its own, in a
 * sentence with numbers. The engine adds the rule and file that found it; exactly one of {@code
 * tier} and {@code stage} is set.
 */
public record GapFound(Tier tier, Stage stage, String message) {
    public GapFound(Tier toward, String message) {
        this(toward, null, message);
    }

    public GapFound(Stage toward, String message) {
        this(null, toward, message);
    }

    /** The code it moves toward: {@code TIER_1}, {@code NEOCLOUD}. */
    public String toward() {
        return tier != null ? tier.name() : stage.name();
    }
}
