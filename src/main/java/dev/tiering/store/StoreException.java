package dev.tiering.store;

import java.sql.SQLException;

/** The database failed a unit of work (not the caller's fault): a 5xx. */
public class StoreException extends RuntimeException {
    public StoreException(SQLException cause) {
        super("database: " + cause.getMessage(), cause);
    }

    protected StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
