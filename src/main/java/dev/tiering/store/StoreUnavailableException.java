package dev.tiering.store;

/**
 * The store cannot serve for now, through no bug: the database cannot be reached, or the data
 * folder has no room for a write. The caller may send the same request again later (a 503 with
 * {@code Retry-After}); what was acknowledged before stays stored.
 */
public class StoreUnavailableException extends StoreException {
    /** Why the store is unavailable. */
    public enum Reason {
        /**
         * The database does not answer: PostgreSQL stopped, restarting or out of reach, no
         * connection within the pool's acquisition timeout, or the embedded database closed.
         */
        UNREACHABLE(2),
        /** The data folder (or the database server's disk) has no room for a write. */
        STORAGE_FULL(10);

        private final int retryAfterSeconds;

        Reason(int retryAfterSeconds) {
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }

    private final Reason reason;

    public StoreUnavailableException(Reason reason, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** How long a client should wait before it sends the request again. */
    public int retryAfterSeconds() {
        return reason.retryAfterSeconds;
    }
}
