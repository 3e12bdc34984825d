package dev.tiering.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** What the HTTP layer allows a client ({@code tiering.http.*}), beyond Quarkus' own limits. */
@ConfigMapping(prefix = "tiering.http")
public interface HttpConfig {
    /**
     * Longest a client may take to send a request body; a slower one gets a 408 and its connection
     * is closed, so that slow senders cannot hold connections open.
     */
    @WithDefault("PT10S")
    Duration bodyTimeout();

    /**
     * Failed sign-ins of one user from one client in a row, after which its sign-ins are refused
     * for a while.
     */
    @WithDefault("5")
    int signInFailures();

    /**
     * How long sign-ins are refused after {@link #signInFailures()}; it doubles with each further
     * failure.
     */
    @WithDefault("PT30S")
    Duration signInLockout();

    /** The longest a lockout grows to. */
    @WithDefault("PT15M")
    Duration signInLockoutMax();

    /** Who may read {@code /q/metrics}: {@code permit} (anyone) or {@code admin}. */
    @WithDefault("permit")
    String metrics();

    /** Who may read {@code /q/openapi} and Swagger UI: {@code permit} (anyone) or {@code admin}. */
    @WithDefault("permit")
    String openapi();
}
