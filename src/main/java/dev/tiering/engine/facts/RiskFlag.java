package dev.tiering.engine.facts;

import dev.tiering.model.RiskCode;

/**
 * Result fact: a risk the operator carries, with a message naming its numbers. The message is also
 * the reason of the rule that raised it.
 */
public record RiskFlag(RiskCode code, String message) {
    /** A flag whose message comes from a template ({@link Prose#say}). */
    public static RiskFlag of(RiskCode code, String template, Object... values) {
        return new RiskFlag(code, Prose.say(template, values));
    }

    public RiskCode getCode() {
        return code;
    }
}
