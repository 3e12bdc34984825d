package dev.tiering.operators;

/** The operator already has a deal with that id: a 409. */
public class DealConflictException extends RuntimeException {
    public DealConflictException(String message) {
        super(message);
    }
}
