package dev.tiering.engine.facts;

import dev.tiering.model.RiskCode;

/** Result fact: a risk the operator carries, with a message naming its numbers. */
public record RiskFlag(RiskCode code, String message) {
    public RiskCode getCode() {
        return code;
    }
}
