package dev.tiering.store;

import java.io.IOException;
import java.net.SocketException;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /**
     * What {@code failure} says, from everything it carries: its causes, the exceptions suppressed
     * on the way (a rollback that failed for the reason the statement did), and a batch's next
     * exceptions. H2 nests these in cycles, so each is looked at once. Storage wins over the rest:
     * a write that failed for want of room closes H2 too, and the room is the cause to report.
     */
    static Kind classify(Throwable failure) {
        return diagnose(failure).kind();
    }

    /** What a failure says, and the exception (among all it carries) that says it. */
    record Diagnosis(Kind kind, Throwable evidence) {}

    /** As {@link #classify}, with the exception that decided: its message names the cause. */
    static Diagnosis diagnose(Throwable failure) {
        Diagnosis found = new Diagnosis(Kind.OTHER, failure);
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> next = new ArrayDeque<>();
        next.add(failure);
        while (!next.isEmpty() && seen.size() < MAX_LOOKED_AT) {
            Throwable t = next.poll();
            if (!seen.add(t)) {
                continue;
            }
            Kind kind = one(t);
            if (kind == Kind.STORAGE) {
                return new Diagnosis(kind, t);
            }
            if (found.kind() == Kind.OTHER && kind != Kind.OTHER) {
                found = new Diagnosis(kind, t);
            }
            if (t.getCause() != null) {
                next.add(t.getCause());
            }
            next.addAll(Arrays.asList(t.getSuppressed()));
            if (t instanceof SQLException s && s.getNextException() != null) {
                next.add(s.getNextException());
            }
        }
        return found;
    }

    /** At most this many exceptions of one failure are looked at. */
    private static final int MAX_LOOKED_AT = 64;

    /**
     * An MVStore failure that H2 passed on as a general error keeps only its message, which ends in
     * {@code [version/code]}: "This store is closed [2.5.252/4]".
     */
    private static final Pattern MVSTORE_CODE =
            Pattern.compile("MVStoreException: [^\\[\"]*\\[[0-9.]+/([0-9]+)\\]");

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
                case ErrorCode.GENERAL_ERROR_1 -> mvStore(mvStoreCode(s.getMessage()));
                default -> Kind.OTHER;
            };
        }
        if (t instanceof MVStoreException m) {
            return mvStore(m.getErrorCode());
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

    private static Kind mvStore(int code) {
        return switch (code) {
            case DataUtils.ERROR_WRITING_FAILED -> Kind.STORAGE;
            case DataUtils.ERROR_CLOSED -> Kind.CLOSED;
            default -> Kind.OTHER;
        };
    }

    /** The MVStore error code in a general error's message, or -1. */
    static int mvStoreCode(String message) {
        if (message == null) {
            return -1;
        }
        Matcher m = MVSTORE_CODE.matcher(message);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}
