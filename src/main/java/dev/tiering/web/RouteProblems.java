package dev.tiering.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiering.model.FieldError;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Answers a problem from a Vert.x route, before JAX-RS (and so {@link ProblemMapper}) sees the
 * request.
 */
@ApplicationScoped
public class RouteProblems {
    private final ObjectMapper json;

    public RouteProblems(ObjectMapper json) {
        this.json = json;
    }

    /** Ends the request with a problem body naming {@code field} (null for none). */
    public void send(RoutingContext ctx, int status, String title, String detail, String field) {
        Problem problem =
                Problem.of(
                        status,
                        title,
                        detail,
                        field == null ? List.of() : List.of(new FieldError(field, detail)));
        byte[] body;
        try {
            body = json.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Buffer.buffer(body));
    }
}
