package dev.tiering.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Every answer tells the browser to run only this origin's scripts, never to guess content types
 * and never to show the service in a frame. Swagger UI's page configures itself with an inline
 * script, so only its pages may run inline scripts.
 */
@ApplicationScoped
public class SecurityHeaders {
    static final String POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src"
                    + " 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self';"
                    + " form-action 'self'; frame-ancestors 'none'";
    static final String SWAGGER_POLICY =
            POLICY.replace("script-src 'self';", "script-src 'self' 'unsafe-inline';");

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 10).handler(this::headers);
    }

    private void headers(RoutingContext ctx) {
        boolean swagger = ctx.normalizedPath().startsWith("/q/swagger-ui");
        ctx.response()
                .headers()
                .set("Content-Security-Policy", swagger ? SWAGGER_POLICY : POLICY)
                .set("X-Content-Type-Options", "nosniff")
                .set("X-Frame-Options", "DENY")
                .set("Referrer-Policy", "no-referrer");
        ctx.next();
    }
}
