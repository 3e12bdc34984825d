package dev.tiering.web;

import dev.tiering.config.HttpConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * A request body must arrive within {@code tiering.http.body-timeout}: a client that sends a byte
 * every few seconds gets a 408 and its connection closed, instead of holding a connection (or,
 * worse, a worker) for as long as it likes. The body itself is read by the I/O layer, which buffers
 * it up to the size limit before JAX-RS sees the request ({@link BodyLimit}), so a slow body never
 * holds a worker thread.
 */
@ApplicationScoped
public class BodyTimeout {
    private static final Logger LOG = Logger.getLogger(BodyTimeout.class);

    private final Vertx vertx;
    private final HttpConfig config;
    private final RouteProblems problems;

    public BodyTimeout(Vertx vertx, HttpConfig config, RouteProblems problems) {
        this.vertx = vertx;
        this.config = config;
        this.problems = problems;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 12).handler(this::watch);
    }

    private void watch(RoutingContext ctx) {
        var request = ctx.request();
        // An empty body (Content-Length: 0) is complete on arrival, though JAX-RS may never read to
        // its end: without this, a request with no body whose work takes longer than the timeout (a
        // reload) got a 408.
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean hasBody =
                (length != null && !"0".equals(length.strip()))
                        || request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
        if (hasBody && !request.isEnded()) {
            long timer =
                    vertx.setTimer(
                            Math.max(1, config.bodyTimeout().toMillis()),
                            id -> {
                                if (!request.isEnded()
                                        && !ctx.response().ended()
                                        && !ctx.response().closed()) {
                                    LOG.debugf(
                                            "Body of %s %s from %s not complete within %s; closing",
                                            request.method(),
                                            request.path(),
                                            request.remoteAddress(),
                                            config.bodyTimeout());
                                    ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                                    problems.send(
                                            ctx,
                                            408,
                                            "Request timeout",
                                            "the request body did not arrive within "
                                                    + config.bodyTimeout().toSeconds()
                                                    + " s",
                                            null);
                                    request.connection().close();
                                }
                            });
            ctx.addEndHandler(done -> vertx.cancelTimer(timer));
        }
        ctx.next();
    }
}
