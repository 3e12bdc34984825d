package dev.tiering.operators;

/** The service is busy with work of this kind right now: a 503 with Retry-After. */
public class BusyException extends RuntimeException {
    public BusyException(String message) {
        super(message);
    }
}
