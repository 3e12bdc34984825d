package dev.tiering.web;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem body: what every error answer of the service carries. Its schema is the
 * {@code Problem} component of the OpenAPI document, which {@link ProblemResponsesFilter} gives
 * every 4xx and 5xx answer, so a generated client reads any error as this one type.
 */
@Schema(
        name = "Problem",
        description =
                "Every 4xx and 5xx answer (application/problem+json, RFC 9457): `title` and"
                        + " `status` say what kind of problem, `detail` says what happened,"
                        + " `errors` says where.")
public record Problem(
        @Schema(required = true, description = "Always `about:blank`: the status is the type")
                String type,
        @Schema(required = true, description = "The kind of problem, such as `Invalid request`")
                String title,
        @Schema(required = true, description = "The HTTP status code") int status,
        @Schema(required = true, description = "What went wrong, for a person to read")
                String detail,
        @Schema(
                        required = true,
                        description =
                                "Each fault found, naming its field; empty when the problem is not"
                                        + " about one")
                List<ProblemError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";

    /** A problem with its items turned into {@link ProblemError}s. */
    public static Problem of(int status, String title, String detail, List<?> errors) {
        return new Problem(
                "about:blank",
                title,
                status,
                detail,
                errors == null ? List.of() : errors.stream().map(ProblemError::of).toList());
    }
}
