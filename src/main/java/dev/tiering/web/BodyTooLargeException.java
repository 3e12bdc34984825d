package dev.tiering.web;

import java.io.IOException;

/**
 * A request body over {@code quarkus.http.limits.max-body-size}; answered 413 by {@link
 * ProblemMapper}. An {@link IOException} because it is thrown from the body's stream: Jackson
 * passes those through unwrapped.
 */
public class BodyTooLargeException extends IOException {
    private final long limit;

    public BodyTooLargeException(long limit) {
        super("request body over the limit of " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
