package dev.tiering.lifecycle;

/** No rule set of that version was ever active: a 404. */
public class UnknownVersionException extends RuntimeException {
    public UnknownVersionException(String version) {
        super("no archived rule set '" + version + "'");
    }
}
