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

    /** A gap toward a tier, its message from a template ({@link Prose#say}). */
    public static GapFound toward(Tier tier, String template, Object... values) {
        return new GapFound(tier, null, Prose.say(template, values));
    }

    /** A gap toward a stage, its message from a template ({@link Prose#say}). */
    public static GapFound toward(Stage stage, String template, Object... values) {
        return new GapFound(null, stage, Prose.say(template, values));
    }

    /** The code it moves toward: {@code TIER_1}, {@code NEOCLOUD}. */
    public String toward() {
        return tier != null ? tier.name() : stage.name();
    }
}
