package dev.tiering.store;

import java.io.IOException;
import java.net.SocketException;
import java.sql.SQLException;
import java.util.Locale;
import org.h2.api.ErrorCode;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;

/**
 * Tells a failure of the database that will pass (it went away, it is full) from one that is a bug
 * (a statement that is wrong, a constraint broken): by SQLState (PostgreSQL and the standard), by
 * H2's error codes, by Agroal's acquisition timeout, and by what lies beneath them.
 */
final class SqlFaults {
    private SqlFaults() {}

    /** What went wrong, where it is something that passes. */
    enum Kind {
        /**
         * The connection was lost or none could be had: PostgreSQL stopped or restarting, out of
         * reach, out of connections, or the pool had none to give in time.
         */
        LOST,
        /**
         * The embedded database closed itself (after a write it could not make); a new connection
         * opens it again.
         */
        CLOSED,
        /** No room for a write: a full disk or data folder. */
        STORAGE,
        /** Anything else: a bug, answered 500. */
        OTHER
    }

    /** Agroal's message when no connection became free within the acquisition timeout. */
    private static final String ACQUISITION_TIMEOUT = "acquisition timeout";

    static Kind classify(Throwable failure) {
        Kind found = Kind.OTHER;
        int depth = 0;
        for (Throwable t = failure;
                t != null && depth < 20;
                t = t.getCause() == t ? null : t.getCause(), depth++) {
            Kind kind = one(t);
            // A write that failed on storage closes H2 too: the storage is the cause to report.
            if (kind == Kind.STORAGE) {
                return kind;
            }
            if (found == Kind.OTHER) {
                found = kind;
            }
        }
        return found;
    }

    private static Kind one(Throwable t) {
        if (t instanceof SQLException s) {
            String state = s.getSQLState() == null ? "" : s.getSQLState();
            if (state.startsWith("08") // connection exception
                    || state.equals("57P01") // admin shutdown (PostgreSQL stopping)
                    || state.equals("57P02") // crash shutdown
                    || state.equals("57P03") // cannot connect now (starting up)
                    || state.equals("53300")) { // too many connections
                return Kind.LOST;
            }
            if (state.equals("53100")) { // disk full (on the PostgreSQL server)
                return Kind.STORAGE;
            }
            if (s.getMessage() != null
                    && s.getMessage().toLowerCase(Locale.ROOT).contains(ACQUISITION_TIMEOUT)) {
                return Kind.LOST;
            }
            return switch (s.getErrorCode()) {
                case ErrorCode.IO_EXCEPTION_1, ErrorCode.IO_EXCEPTION_2 -> Kind.STORAGE;
                case ErrorCode.DATABASE_IS_CLOSED,
                        ErrorCode.DATABASE_CALLED_AT_SHUTDOWN,
                        ErrorCode.CONNECTION_BROKEN_1 ->
                        Kind.CLOSED;
                default -> Kind.OTHER;
            };
        }
        if (t instanceof MVStoreException m) {
            return switch (m.getErrorCode()) {
                case DataUtils.ERROR_WRITING_FAILED -> Kind.STORAGE;
                case DataUtils.ERROR_CLOSED -> Kind.CLOSED;
                default -> Kind.OTHER;
            };
        }
        if (t instanceof SocketException || t instanceof java.io.EOFException) {
            return Kind.LOST;
        }
        if (t instanceof IOException io
                && io.getMessage() != null
                && io.getMessage().toLowerCase(Locale.ROOT).contains("no space left")) {
            return Kind.STORAGE;
        }
        return Kind.OTHER;
    }
}
