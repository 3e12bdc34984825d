package dev.tiering.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads request bodies without holding a worker thread, and answers bodies over {@code
 * quarkus.http.limits.max-body-size} with a 413 problem body instead of Quarkus' empty one.
 *
 * <p>A body is buffered by the I/O layer (a Vert.x body handler on the event loop) before JAX-RS
 * and its worker thread see the request, which then reads the buffered bytes: a client that sends
 * its body a byte at a time holds a connection ({@link BodyTimeout} bounds for how long), never a
 * worker. Quarkus checks the limit in a Vert.x route (order -2): a body that declares its length is
 * refused here, one route earlier, with the mapper's problem; a chunked body (no length) is refused
 * with the same problem as it arrives, by the body handler, the moment it passes the limit. (Each
 * JAX-RS reader interceptor makes RESTEasy parse the resource method's parameter annotations again
 * on every request, a tenth of a {@code POST /classify}: the limit is kept here, where the bytes
 * arrive, and JAX-RS reads a body that is whole and within it.) An HTTP/2 stream or a cleartext
 * upgrade, which the HTTP layer feeds itself, keeps Quarkus' own limit.
 */
@ApplicationScoped
public class BodyLimit {
    private static final Logger LOG = Logger.getLogger(BodyLimit.class);

    /** Quarkus' upload-limit route; ours sit on either side of it. */
    private static final int QUARKUS_UPLOAD_LIMIT_ORDER = -2;

    /**
     * Where Quarkus leaves the limit for its own count of a chunked body; the interceptor counts
     * instead.
     */
    private static final String QUARKUS_LIMIT_KEY = "io.quarkus.max-request-size";

    private final long limit;
    private final ObjectMapper json;

    public BodyLimit(
            @ConfigProperty(name = "quarkus.http.limits.max-body-size")
                    Optional<MemorySize> maxBodySize,
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
        BodyHandler buffer =
                BodyHandler.create(false)
                        .setBodyLimit(limit)
                        .setHandleFileUploads(false)
                        .setMergeFormAttributes(false)
                        .setPreallocateBodyBuffer(false);
        router.route()
                .order(QUARKUS_UPLOAD_LIMIT_ORDER + 1)
                .handler(
                        ctx -> {
                            HttpMethod method = ctx.request().method();
                            if (method == HttpMethod.GET
                                    || method == HttpMethod.HEAD
                                    || method == HttpMethod.OPTIONS
                                    || "0"
                                            .equals(
                                                    ctx.request()
                                                            .getHeader(HttpHeaders.CONTENT_LENGTH))
                                    || ctx.request().headers().contains(HttpHeaders.UPGRADE)
                                    || ctx.request().version()
                                            == io.vertx.core.http.HttpVersion.HTTP_2) {
                                // No body to buffer (JAX-RS reads the empty request itself, and so
                                // sees its end), or HTTP/2, whose streams the HTTP layer feeds
                                // itself (a cleartext upgrade reads its body before switching).
                                ctx.next();
                                return;
                            }
                            // The body handler counts the bytes instead of Quarkus.
                            ctx.remove(QUARKUS_LIMIT_KEY);
                            if ("100-continue"
                                    .equalsIgnoreCase(
                                            ctx.request().getHeader(HttpHeaders.EXPECT))) {
                                ctx.response()
                                        .writeContinue(); // a client such as curl waits for it
                                // before sending a large body
                            }
                            buffer.handle(ctx);
                        })
                .failureHandler(this::bufferingFailed);
    }

    /**
     * The body could not be buffered: over the limit (a 413 problem), a stream the HTTP layer could
     * not decode (a 400), or the client went away (nothing to say). The body handler fails with
     * 413, or with 400 or 200 and the stream's exception; a failure with any other status comes
     * from a later handler, and a failure handler matches every failure of the request: it goes on
     * to Quarkus' own handler, which logs it and answers 500.
     */
    private void bufferingFailed(RoutingContext ctx) {
        int status = ctx.statusCode();
        if (status != 413 && status != 400 && status != 200) {
            ctx.next();
            return;
        }
        if (ctx.response().ended()
                || ctx.response().closed()
                || ctx.request().connection() == null) {
            return;
        }
        if (status == 413) {
            refuse(ctx);
            return;
        }
        LOG.debugf(
                "Reading the body of %s %s failed: %s",
                ctx.request().method(),
                ctx.request().path(),
                ctx.failure() == null ? "status " + ctx.statusCode() : ctx.failure().getMessage());
        ctx.response().setStatusCode(400).putHeader(HttpHeaders.CONNECTION, "close").end();
    }

    private void refuseDeclaredOversize(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null || !declaresMoreThanLimit(length)) {
            ctx.next();
            return;
        }
        refuse(ctx);
    }

    private void refuse(RoutingContext ctx) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(ProblemMapper.tooLarge(limit));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // The unread rest of the body is still on the wire: answer, then drop the connection, as
        // Quarkus does.
        ctx.response()
                .setStatusCode(413)
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
