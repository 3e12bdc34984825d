package dev.tiering.web;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A stop that cuts no request. On SIGTERM, Quarkus turns readiness down and keeps serving for
 * {@code quarkus.shutdown.delay}, so that a load balancer stops sending; then it waits up to {@code
 * quarkus.shutdown.timeout} for the requests in flight, but would serve (and so wait for) every new
 * one that still comes, and close connections under whatever is in flight when the timeout ends.
 * From shortly before the end of the delay, this answers every new request at once with a 503
 * problem, {@code Retry-After} and {@code Connection: close} (the client sends it again, to another
 * replica or to this one restarted), so the requests in flight are the last, and end well within
 * the timeout. Health checks still answer (readiness says DOWN).
 */
@ApplicationScoped
public class Draining {
    /** Before every other route: nothing of a refused request is read or run. */
    private static final int FIRST = Integer.MIN_VALUE + 1;

    /**
     * Long enough that a client which waits as told comes back after this process has gone (its
     * port then refuses the connection at once, or a replica answers) rather than into its last
     * moments, when a connection may be accepted and then dropped unanswered.
     */
    static final int RETRY_AFTER_SECONDS = 5;

    private final RouteProblems problems;
    private final Duration delay;
    private volatile boolean refusing;

    public Draining(
            RouteProblems problems,
            @ConfigProperty(name = "quarkus.shutdown.delay") Optional<Duration> delay) {
        this.problems = problems;
        this.delay = delay.orElse(Duration.ZERO);
    }

    void install(@Observes Router router) {
        router.route()
                .order(FIRST)
                .handler(
                        ctx -> {
                            if (!refusing || ctx.request().path().startsWith("/q/health")) {
                                ctx.next();
                                return;
                            }
                            // The body is read (and dropped) first: a connection closed with
                            // unread bytes is reset, and the reset can reach the client before
                            // the answer does.
                            // (Routing pauses a request until a handler reads it.)
                            ctx.request().body().onComplete(read -> refuse(ctx));
                            ctx.request().resume();
                        });
    }

    private void refuse(io.vertx.ext.web.RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response()
                .putHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS))
                .putHeader(HttpHeaders.CONNECTION, "close");
        problems.send(
                ctx,
                503,
                "Service unavailable",
                "the service is stopping; send the request again (retry after "
                        + RETRY_AFTER_SECONDS
                        + " s): nothing of it was stored",
                null);
    }

    /** The stop began: refuse new requests once the load balancer has had the delay to notice. */
    void delayStarted(@Observes ShutdownDelayInitiatedEvent event) {
        Thread flip =
                new Thread(
                        () -> {
                            try {
                                Thread.sleep(delay.minus(ahead()).toMillis());
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            refusing = true;
                        },
                        "draining");
        flip.setDaemon(true);
        flip.start();
    }

    /**
     * How long before the end of the delay the refusals begin: a client refused then waits as
     * Retry-After says, so none is sending at the moment Quarkus begins to close connections (one
     * sent at that very moment can be dropped unanswered). A second, or half a shorter delay.
     */
    private Duration ahead() {
        Duration half = delay.dividedBy(2);
        return half.compareTo(Duration.ofSeconds(1)) < 0 ? half : Duration.ofSeconds(1);
    }

    /** No delay, or it is over: the application stops now. */
    void stopping(@Observes ShutdownEvent event) {
        refusing = true;
    }

    /** Whether new requests are refused (the service is stopping). */
    public boolean refusing() {
        return refusing;
    }
}
