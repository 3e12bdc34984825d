package dev.tiering.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few shapes every repository's SQL takes: a query read into a list of rows (or its first row),
 * and a statement run with its arguments. An argument is bound by its type: an {@link Instant} as a
 * timestamp in UTC, an enum by name, null as SQL NULL.
 */
public final class Jdbc {
    private Jdbc() {}

    /** One row of a result, read into a value. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Every row of a query, in the order the query gives. */
    public static <T> List<T> list(Connection c, String sql, Row<T> row, Object... args)
            throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            bind(q, args);
            try (ResultSet rs = q.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.read(rs));
                }
                return out;
            }
        }
    }

    /** The first row of a query, if there is one. */
    public static <T> Optional<T> first(Connection c, String sql, Row<T> row, Object... args)
            throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            bind(q, args);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(row.read(rs)) : Optional.empty();
            }
        }
    }

    /** A count or other single number. */
    public static long number(Connection c, String sql, Object... args) throws SQLException {
        return first(c, sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    /** Runs an INSERT, UPDATE or DELETE; how many rows it touched. */
    public static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            return s.executeUpdate();
        }
    }

    /** Binds {@code args} to the statement's parameters, first to last. */
    public static void bind(PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) {
                s.setNull(i + 1, Types.NULL);
            } else if (a instanceof Instant t) {
                s.setObject(i + 1, t.atOffset(ZoneOffset.UTC));
            } else if (a instanceof Enum<?> e) {
                s.setString(i + 1, e.name());
            } else {
                s.setObject(i + 1, a);
            }
        }
    }

    /** A column that holds a timestamp with time zone, as an instant (null for NULL). */
    public static Instant instant(ResultSet rs, int column) throws SQLException {
        java.time.OffsetDateTime t = rs.getObject(column, java.time.OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
