package dev.tiering.web;

import dev.tiering.config.HttpConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Slows down guessing passwords: after {@code tiering.http.sign-in-failures} failed sign-ins in a
 * row of one user from one client, that user's sign-ins from that client are refused with a 429 for
 * {@code tiering.http.sign-in-lockout}, doubling with each further failure up to {@code
 * tiering.http.sign-in-lockout-max}; a success clears the count. Every failure is logged with the
 * user and the client (never the password).
 */
@ApplicationScoped
public class SignInThrottle {
    private static final Logger LOG = Logger.getLogger(SignInThrottle.class);

    /** Clients remembered at most; the oldest are forgotten first. */
    private static final int MAX_TRACKED = 10_000;

    private final HttpConfig config;
    private final RouteProblems problems;
    private final Clock clock;
    private final Map<String, Failures> failures = new LinkedHashMap<>(); // guarded by itself

    public SignInThrottle(HttpConfig config, RouteProblems problems, Clock clock) {
        this.config = config;
        this.problems = problems;
        this.clock = clock;
    }

    /** A user's failures in a row from one client, and until when it is locked out. */
    private static final class Failures {
        int count;
        Instant lockedUntil = Instant.MIN;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 13).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        String user = basicUser(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (user == null) {
            ctx.next();
            return;
        }
        String client =
                ctx.request().remoteAddress() == null
                        ? "?"
                        : ctx.request().remoteAddress().hostAddress();
        String key = user + "\u0000" + client;
        Instant now = clock.instant();
        long wait;
        synchronized (failures) {
            Failures f = failures.get(key);
            wait = f == null ? 0 : Duration.between(now, f.lockedUntil).toSeconds() + 1;
        }
        if (wait > 0) {
            ctx.response().putHeader("Retry-After", Long.toString(wait));
            problems.send(
                    ctx,
                    429,
                    "Too many requests",
                    "too many failed sign-ins for '"
                            + user
                            + "' from this client; try again in "
                            + wait
                            + " s",
                    null);
            return;
        }
        ctx.addHeadersEndHandler(v -> record(key, user, client, ctx.response().getStatusCode()));
        ctx.next();
    }

    private void record(String key, String user, String client, int status) {
        synchronized (failures) {
            if (status != 401) {
                if (status < 400) {
                    failures.remove(key);
                }
                return;
            }
            Failures f =
                    failures.remove(key); // re-inserted last: the map's order is by last failure
            f = f == null ? new Failures() : f;
            failures.put(key, f);
            f.count++;
            int over = f.count - config.signInFailures();
            if (over >= 0) {
                Duration lock = config.signInLockout().multipliedBy(1L << Math.min(over, 20));
                lock =
                        lock.compareTo(config.signInLockoutMax()) > 0
                                ? config.signInLockoutMax()
                                : lock;
                f.lockedUntil = clock.instant().plus(lock);
                LOG.warnf(
                        "Failed sign-in %d in a row for '%s' from %s: its sign-ins from there are"
                                + " refused for %d s",
                        f.count, user, client, lock.toSeconds());
            } else {
                LOG.warnf("Failed sign-in for '%s' from %s (%d in a row)", user, client, f.count);
            }
            for (Iterator<String> it = failures.keySet().iterator();
                    failures.size() > MAX_TRACKED; ) {
                it.next();
                it.remove();
            }
        }
    }

    /**
     * The user name of a Basic {@code Authorization} header, or null for none or another scheme.
     */
    static String basicUser(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded =
                    new String(
                            Base64.getDecoder().decode(header.substring(6).strip()),
                            StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            String user = colon < 0 ? decoded : decoded.substring(0, colon);
            // The name goes into logs: keep it short and printable.
            user =
                    user.codePoints()
                            .filter(c -> c >= 0x20 && c != 0x7f)
                            .limit(64)
                            .collect(
                                    StringBuilder::new,
                                    StringBuilder::appendCodePoint,
                                    StringBuilder::append)
                            .toString();
            return user;
        } catch (IllegalArgumentException e) {
            return "(malformed)";
        }
    }
}
