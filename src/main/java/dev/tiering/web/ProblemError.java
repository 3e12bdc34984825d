package dev.tiering.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tiering.engine.RuleError;
import dev.tiering.model.FieldError;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One item of a problem's {@code errors}: a bad field of a request ({@code field} and {@code
 * message}), or a fault in a rule file of a refused reload ({@code file}, {@code line}, {@code
 * column} and {@code message}). What does not apply is left out, so each reads as before: {@code
 * {"field", "message"}} or {@code {"file", "line", "column", "message"}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
        name = "ProblemError",
        description =
                "One fault: `field` and `message` for a request, `file`, `line`, `column` and"
                        + " `message` for a rule file of a refused reload (422)")
public record ProblemError(
        @Schema(
                        description =
                                "Where in the request: a JSON path (`deals[2].valueUsd`), a query"
                                        + " parameter or header name, or `row N: column` of an"
                                        + " imported spreadsheet")
                String field,
        @Schema(required = true, description = "What is wrong there") String message,
        @Schema(description = "The rule file (422)") String file,
        @Schema(description = "Its line, 1-based; 0 where unknown (422)") Integer line,
        @Schema(description = "Its column, 1-based; 0 where unknown (422)") Integer column) {

    public static ProblemError field(String field, String message) {
        return new ProblemError(field, message, null, null, null);
    }

    /** From what the layers below report; anything else is a programming error. */
    static ProblemError of(Object error) {
        if (error instanceof ProblemError p) {
            return p;
        }
        if (error instanceof FieldError f) {
            return field(f.field(), f.message());
        }
        if (error instanceof RuleError r) {
            return new ProblemError(null, r.message(), r.file(), r.line(), r.column());
        }
        throw new IllegalArgumentException("not a problem item: " + error.getClass().getName());
    }
}
