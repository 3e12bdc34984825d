package dev.tiering.store;

/**
 * What made a stored classification change, as the change feed says it: the causes of history
 * ({@link Cause}) and two more that history does not record apart, a date passing and a delete.
 */
public enum ChangeCause {
    /** Its profile was stored. */
    PROFILE,
    /** One of its deals was added, amended, removed or imported. */
    DEAL,
    /** A new rule set went live (a reload, a rollback, a replica's watcher). */
    RULES,
    /** A deal's start or end date passed (the catch-up). */
    DATE,
    /** The operator was deleted. */
    DELETE;

    /** The cause history records; null for a delete, which takes its history with it. */
    Cause history() {
        return switch (this) {
            case PROFILE -> Cause.PROFILE;
            case DEAL, DATE -> Cause.DEAL;
            case RULES -> Cause.RULES;
            case DELETE -> null;
        };
    }
}
