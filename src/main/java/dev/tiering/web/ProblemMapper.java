package dev.tiering.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.tiering.codec.JsonPaths;
import dev.tiering.engine.RuleCompilationException;
import dev.tiering.engine.RunawayRuleException;
import dev.tiering.lifecycle.UnknownVersionException;
import dev.tiering.model.FieldError;
import dev.tiering.model.InvalidProfileException;
import dev.tiering.operators.BusyException;
import dev.tiering.operators.DealConflictException;
import dev.tiering.operators.OperatorNotFoundException;
import dev.tiering.store.StoreUnavailableException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place failures become {@code application/problem+json}; bodies never carry class names or
 * traces.
 *
 * <p>Every body is a {@link Problem}, whose items are {@link ProblemError}s, and the OpenAPI
 * document says so for every error answer ({@link ProblemResponsesFilter}), so a generated client
 * reads any error as one type. An error particular to some operations (404 for an unknown ticker or
 * version, 409, 422) is declared on their resource methods, {@code @APIResponse(responseCode =
 * "404", description = ...)}: a new mapper here for such an error wants those declarations too.
 */
public class ProblemMapper {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    public static Response problem(int status, String title, String detail, List<?> errors) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, title, detail, errors))
                .build();
    }

    @ServerExceptionMapper
    public Response invalid(InvalidProfileException e) {
        return problem(400, "Invalid request", e.getMessage(), e.errors());
    }

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e) {
        return problem(400, "Invalid request", e.getMessage(), e.errors());
    }

    // Listed one by one: Quarkus has built-in mappers for some of these subtypes, and the most
    // specific wins.
    @ServerExceptionMapper({
        JsonProcessingException.class,
        JsonMappingException.class,
        MismatchedInputException.class,
        InvalidFormatException.class,
        UnrecognizedPropertyException.class,
        StreamReadException.class,
        JsonParseException.class,
        ValueInstantiationException.class
    })
    public Response json(JsonProcessingException e) {
        FieldError error = JsonPaths.toFieldError(e);
        return problem(
                400, "Invalid request", error.field() + ": " + error.message(), List.of(error));
    }

    /**
     * The answer to a body over the size limit; {@link BodyLimit} writes it before JAX-RS sees the
     * request.
     */
    public static Problem tooLarge(long limit) {
        String detail =
                "request body over the limit of "
                        + limit
                        + " bytes (quarkus.http.limits.max-body-size)";
        return Problem.of(413, "Payload too large", detail, List.of(new FieldError("$", detail)));
    }

    @ServerExceptionMapper
    public Response notFound(OperatorNotFoundException e) {
        return problem(404, "Not found", e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response unknownVersion(UnknownVersionException e) {
        return problem(
                404, "Not found", e.getMessage(), List.of(new FieldError("rules", e.getMessage())));
    }

    @ServerExceptionMapper
    public Response busy(BusyException e) {
        return Response.fromResponse(problem(503, "Service unavailable", e.getMessage(), List.of()))
                .header("Retry-After", "5")
                .build();
    }

    /**
     * The store out of reach or out of room: a wait to retry, never a 500. The log has it once, as
     * the fault begins (store.Database).
     */
    @ServerExceptionMapper
    public Response unavailable(StoreUnavailableException e) {
        return Response.fromResponse(
                        problem(
                                503,
                                "Service unavailable",
                                "the store is unavailable: "
                                        + e.getMessage()
                                        + ". Retry after "
                                        + e.retryAfterSeconds()
                                        + " s",
                                List.of()))
                .header("Retry-After", String.valueOf(e.retryAfterSeconds()))
                .build();
    }

    @ServerExceptionMapper
    public Response conflict(DealConflictException e) {
        return problem(
                409, "Conflict", e.getMessage(), List.of(new FieldError("id", e.getMessage())));
    }

    @ServerExceptionMapper
    public Response rules(RuleCompilationException e) {
        return problem(422, "Rules refused", e.getMessage(), e.errors());
    }

    @ServerExceptionMapper
    public Response runaway(RunawayRuleException e) {
        LOG.error(e.getMessage());
        return problem(500, "A rule could not finish", e.getMessage(), List.of());
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e) {
        return Response.fromResponse(
                        problem(401, "Unauthorized", "credentials missing or wrong", List.of()))
                .header("WWW-Authenticate", "Basic realm=\"tiering\"")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return problem(403, "Forbidden", "this user may not do that", List.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json);
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Error" : type.getReasonPhrase();
        return problem(status, title, status >= 500 ? "internal error" : title, List.of());
    }

    /**
     * Anything else is a bug, logged whole; its client gets a problem too. Throwable, not
     * Exception: an Error that escaped (an assertion in a library) went past every mapper to the
     * HTTP layer, whose answer was no problem body.
     */
    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json);
        }
        LOG.error("Request failed", e);
        return problem(500, "Internal error", "internal error; see the service log", List.of());
    }
}
