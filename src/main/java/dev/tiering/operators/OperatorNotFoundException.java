package dev.tiering.operators;

/** No operator (or no deal of it) under that key: a 404. */
public class OperatorNotFoundException extends RuntimeException {
    public OperatorNotFoundException(String message) {
        super(message);
    }
}
