package dev.tiering.web;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A request may not say one thing twice: every query parameter of the API is single ({@code
 * ?dryRun=false&dryRun= true} would otherwise be read one way here and another way by a proxy), and
 * so are the headers that decide who the caller is and what the body is. Either given twice is a
 * 400 naming it.
 */
@ApplicationScoped
public class SingleValues {
    static final List<String> SINGLE_HEADERS =
            List.of("Authorization", "Content-Type", "Content-Length", "Content-Encoding", "Host");

    private final RouteProblems problems;

    public SingleValues(RouteProblems problems) {
        this.problems = problems;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 11).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        for (String header : SINGLE_HEADERS) {
            if (ctx.request().headers().getAll(header).size() > 1) {
                problems.send(ctx, 400, "Bad request", header + " given more than once", header);
                return;
            }
        }
        MultiMap params = ctx.queryParams();
        Set<String> seen = new HashSet<>();
        for (var entry : params.entries()) {
            if (!seen.add(entry.getKey())) {
                problems.send(
                        ctx,
                        400,
                        "Bad request",
                        "query parameter '" + entry.getKey() + "' given more than once",
                        entry.getKey());
                return;
            }
        }
        ctx.next();
    }
}
