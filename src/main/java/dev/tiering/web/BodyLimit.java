package dev.tiering.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers bodies over {@code quarkus.http.limits.max-body-size} with a 413 problem body instead of Quarkus' empty
 * one. Quarkus checks the limit in a Vert.x route (order -2), before JAX-RS and so before {@link ProblemMapper}:
 * a body that declares its length is refused here, one route earlier, with the mapper's problem; a chunked body
 * (no length) is counted while JAX-RS reads it ({@link BodyLimitInterceptor}), so that the mapper answers it too.
 */
@ApplicationScoped
public class BodyLimit {
    /** Quarkus' upload-limit route; ours sit on either side of it. */
    private static final int QUARKUS_UPLOAD_LIMIT_ORDER = -2;
    /** Where Quarkus leaves the limit for its own count of a chunked body; the interceptor counts instead. */
    private static final String QUARKUS_LIMIT_KEY = "io.quarkus.max-request-size";

    private final long limit;
    private final ObjectMapper json;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize,
            ObjectMapper json) {
        this.limit = maxBodySize.map(MemorySize::asLongValue).orElse(-1L);
        this.json = json;
    }

    /** The limit in bytes; negative where there is none. */
    public long limit() {
        return limit;
    }

    void install(@Observes Router router) {
        if (limit < 0) {
            return;
        }
        router.route().order(QUARKUS_UPLOAD_LIMIT_ORDER - 1).handler(this::refuseDeclaredOversize);
        router.route().order(QUARKUS_UPLOAD_LIMIT_ORDER + 1).handler(ctx -> {
            ctx.remove(QUARKUS_LIMIT_KEY);
            ctx.next();
        });
    }

    private void refuseDeclaredOversize(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null || !declaresMoreThanLimit(length)) {
            ctx.next();
            return;
        }
        byte[] body;
        try {
            body = json.writeValueAsBytes(ProblemMapper.tooLarge(limit));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // The unread rest of the body is still on the wire: answer, then drop the connection, as Quarkus does.
        ctx.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .endHandler(v -> ctx.request().connection().close())
                .end(io.vertx.core.buffer.Buffer.buffer(body));
    }

    private boolean declaresMoreThanLimit(String length) {
        try {
            return Long.parseLong(length.strip()) > limit;
        } catch (NumberFormatException e) {
            return false; // the HTTP codec refuses a malformed length before this route is reached
        }
    }
}
