package dev.tiering.web;

import dev.tiering.model.FieldError;
import java.util.List;

/**
 * A request the service cannot take that is not about an operator's data: a query parameter it
 * cannot read ({@code limit}, {@code tier}, {@code asOf}, {@code against}, {@code dryRun}) or a
 * body of the wrong shape or size. A profile or deal that breaks the model's rules is an {@link
 * dev.tiering.model.InvalidProfileException} instead; both answer the same 400 problem naming the
 * field, so a client reads them alike.
 */
public class InvalidRequestException extends RuntimeException {
    private final FieldError error;

    public InvalidRequestException(String field, String message) {
        super(field + ": " + message);
        this.error = new FieldError(field, message);
    }

    public List<FieldError> errors() {
        return List.of(error);
    }
}
