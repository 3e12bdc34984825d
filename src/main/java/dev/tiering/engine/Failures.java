package dev.tiering.engine;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Failures of rule code as words for a rule author, a problem body or the check command's report.
 */
public final class Failures {
    private Failures() {}

    /**
     * The innermost message of a failure: what went wrong at its origin, not the wrappers Drools
     * and reflection put around it. Never a Java class name, which must not reach a problem body or
     * a rule author; a failure without a message says so.
     */
    public static String rootMessage(Throwable failure) {
        Throwable t = failure;
        // a chain of causes may loop back (initCause refuses only a failure as its own cause)
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (seen.add(t) && t.getCause() != null && !seen.contains(t.getCause())) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? "an error without a message" : m.strip();
    }
}
