package dev.tiering.model;

import java.util.List;

/**
 * A request that breaks the contract of API.md; carries every problem found, each with its JSON
 * path.
 */
public class InvalidProfileException extends RuntimeException {
    private final List<FieldError> errors;

    public InvalidProfileException(List<FieldError> errors) {
        super(
                errors.isEmpty()
                        ? "invalid request"
                        : errors.get(0).field() + ": " + errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    public InvalidProfileException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
