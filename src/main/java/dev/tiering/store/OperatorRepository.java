package dev.tiering.store;

import dev.tiering.model.Tier;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * All SQL of the {@code operator} table (the profiles), and the reads that give an operator with
 * its classification.
 */
public final class OperatorRepository {
    private static final String JOINED =
            "SELECT o.ticker, o.name, o.profile_json, o.updated_at, "
                    + ClassificationRepository.COLUMNS
                    + " FROM operator o LEFT JOIN classification c ON c.ticker = o.ticker";

    private OperatorRepository() {}

    /**
     * The operator {@code ticker} with its classification; with {@code lock}, its operator row
     * locked for update until the transaction ends (every writer of an operator takes that lock
     * first, so writers of one operator queue up).
     */
    public static Optional<OperatorRow> find(Connection c, String ticker, boolean lock)
            throws SQLException {
        if (lock) {
            if (Jdbc.first(
                            c,
                            "SELECT ticker FROM operator WHERE ticker = ? FOR UPDATE",
                            rs -> rs.getString(1),
                            ticker)
                    .isEmpty()) {
                return Optional.empty();
            }
        }
        return Jdbc.first(c, JOINED + " WHERE o.ticker = ?", OperatorRepository::row, ticker);
    }

    /**
     * Up to {@code limit} operators after ticker {@code after} (null: from the first), in ticker
     * order, optionally of one tier: a page that costs the same wherever it starts (an index's
     * order, no offset).
     */
    public static List<OperatorRow> page(Connection c, Tier tier, String after, int limit)
            throws SQLException {
        String sql =
                tier == null
                        ? JOINED + " WHERE o.ticker > ? ORDER BY o.ticker"
                        : "SELECT o.ticker, o.name, o.profile_json, o.updated_at, "
                                + ClassificationRepository.COLUMNS
                                + " FROM classification c JOIN operator o ON o.ticker = c.ticker"
                                + " WHERE c.tier = ? AND c.ticker > ? ORDER BY c.ticker";
        sql += " FETCH FIRST " + limit + " ROWS ONLY";
        String from = after == null ? "" : after;
        return tier == null
                ? Jdbc.list(c, sql, OperatorRepository::row, from)
                : Jdbc.list(c, sql, OperatorRepository::row, tier, from);
    }

    /** Operators from {@code first} to {@code last} ticker, in order. */
    public static List<OperatorRow> range(Connection c, String first, String last)
            throws SQLException {
        return Jdbc.list(
                c,
                JOINED + " WHERE o.ticker >= ? AND o.ticker <= ? ORDER BY o.ticker",
                OperatorRepository::row,
                first,
                last);
    }

    /** Every ticker, in order. */
    public static List<String> tickers(Connection c) throws SQLException {
        return Jdbc.list(c, "SELECT ticker FROM operator ORDER BY ticker", rs -> rs.getString(1));
    }

    public static long count(Connection c) throws SQLException {
        return Jdbc.number(c, "SELECT COUNT(*) FROM operator");
    }

    /**
     * Inserts a new operator's profile; a duplicate ticker fails with a unique violation ({@link
     * Database#isUniqueViolation}).
     */
    public static void insert(Connection c, String ticker, String name, String json, Instant at)
            throws SQLException {
        Jdbc.update(
                c,
                "INSERT INTO operator (ticker, name, profile_json, updated_at) VALUES (?, ?, ?, ?)",
                ticker,
                name,
                json,
                at);
    }

    /** Rewrites an operator's profile. */
    public static void update(Connection c, String ticker, String name, String json, Instant at)
            throws SQLException {
        Jdbc.update(
                c,
                "UPDATE operator SET name = ?, profile_json = ?, updated_at = ? WHERE ticker = ?",
                name,
                json,
                at,
                ticker);
    }

    /** Deletes an operator; its classification and history go with it (foreign keys). */
    public static boolean delete(Connection c, String ticker) throws SQLException {
        return Jdbc.update(c, "DELETE FROM operator WHERE ticker = ?", ticker) > 0;
    }

    private static OperatorRow row(ResultSet rs) throws SQLException {
        return new OperatorRow(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                Jdbc.instant(rs, 4),
                rs.getString(5) == null ? null : ClassificationRepository.row(rs, 5));
    }
}
