package dev.tiering.engine;

import java.util.List;

/**
 * The rule folder does not compile, or its candidate failed a check; the errors say where and why.
 */
public class RuleCompilationException extends RuntimeException {
    private final List<RuleError> errors;

    public RuleCompilationException(String summary, List<RuleError> errors) {
        super(summary + (errors.isEmpty() ? "" : ": " + errors.get(0)));
        this.errors = List.copyOf(errors);
    }

    public List<RuleError> errors() {
        return errors;
    }
}
