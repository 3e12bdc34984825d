package dev.tiering.model;

import java.util.List;

/**
 * A profile or deal that breaks the contract of API.md or the model's rules (a missing field, a
 * negative value, a bad row of a deals spreadsheet); carries every problem found, each with its
 * JSON path. A request that is wrong in another way, such as a query parameter, is the web layer's
 * InvalidRequestException.
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
