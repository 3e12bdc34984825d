package dev.tiering.store;

import dev.tiering.model.Stage;
import dev.tiering.model.Tier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** All SQL of the {@code operator} table: the one place its columns are listed. */
public final class OperatorRepository {
    private static final String COLUMNS =
            "ticker, name, profile_json, tier, stage, full_stack, risks,"
                    + " classification_json, rule_set_version, classified_on, updated_at";

    private OperatorRepository() {}

    /**
     * The row of {@code ticker}; with {@code lock}, locked for update until the transaction ends.
     */
    public static Optional<OperatorRow> find(Connection c, String ticker, boolean lock)
            throws SQLException {
        try (PreparedStatement q =
                c.prepareStatement(
                        "SELECT "
                                + COLUMNS
                                + " FROM operator WHERE ticker = ?"
                                + (lock ? " FOR UPDATE" : ""))) {
            q.setString(1, ticker);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    /**
     * Up to {@code limit} rows after ticker {@code after} (null: from the first), in ticker order,
     * optionally of one tier: a page that costs the same wherever it starts (the primary key's
     * order, no offset).
     */
    public static List<OperatorRow> page(Connection c, Tier tier, String after, int limit)
            throws SQLException {
        String sql =
                "SELECT "
                        + COLUMNS
                        + " FROM operator WHERE ticker > ?"
                        + (tier == null ? "" : " AND tier = ?")
                        + " ORDER BY ticker FETCH FIRST "
                        + limit
                        + " ROWS ONLY";
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, after == null ? "" : after);
            if (tier != null) {
                q.setString(2, tier.name());
            }
            try (ResultSet rs = q.executeQuery()) {
                List<OperatorRow> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row(rs));
                }
                return out;
            }
        }
    }

    /**
     * Rows from {@code first} to {@code last} ticker, in order; with {@code lock}, locked for
     * update.
     */
    public static List<OperatorRow> range(Connection c, String first, String last, boolean lock)
            throws SQLException {
        try (PreparedStatement q =
                c.prepareStatement(
                        "SELECT "
                                + COLUMNS
                                + " FROM operator"
                                + " WHERE ticker >= ? AND ticker <= ? ORDER BY ticker"
                                + (lock ? " FOR UPDATE" : ""))) {
            q.setString(1, first);
            q.setString(2, last);
            try (ResultSet rs = q.executeQuery()) {
                List<OperatorRow> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row(rs));
                }
                return out;
            }
        }
    }

    /**
     * Claims up to {@code limit} rows not on rule set {@code version} with a ticker after {@code
     * after} (null: from the start), locked for update, skipping rows another transaction holds
     * (another worker's chunk, another replica's, a writer's): each row is claimed once.
     */
    public static List<OperatorRow> claimNotOn(
            Connection c, String version, String after, int limit) throws SQLException {
        // From a cursor: without one, each chunk's scan walked past every row done before it
        // (20,000 operators took
        // 6.8 ms each to apply, 5,000 took 1.3 ms; BENCHMARKS.md).
        try (PreparedStatement q =
                c.prepareStatement(
                        "SELECT "
                                + COLUMNS
                                + " FROM operator"
                                + " WHERE rule_set_version <> ?"
                                + (after == null ? "" : " AND ticker > ?")
                                + " ORDER BY ticker FETCH FIRST "
                                + limit
                                + " ROWS ONLY FOR UPDATE SKIP LOCKED")) {
            q.setString(1, version);
            if (after != null) {
                q.setString(2, after);
            }
            try (ResultSet rs = q.executeQuery()) {
                List<OperatorRow> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row(rs));
                }
                return out;
            }
        }
    }

    /** How many rows are not on rule set {@code version}. */
    public static long countNotOn(Connection c, String version) throws SQLException {
        try (PreparedStatement q =
                c.prepareStatement("SELECT COUNT(*) FROM operator WHERE rule_set_version <> ?")) {
            q.setString(1, version);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Every ticker, in order. */
    public static List<String> tickers(Connection c, String where, Object... args)
            throws SQLException {
        try (PreparedStatement q =
                c.prepareStatement(
                        "SELECT ticker FROM operator"
                                + (where == null ? "" : " WHERE " + where)
                                + " ORDER BY ticker")) {
            for (int i = 0; i < args.length; i++) {
                q.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = q.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        }
    }

    /**
     * How many rows a tier holds and when the latest of them was written: a line of {@link #tiers}.
     */
    public record TierCount(Tier tier, long count, java.time.Instant latest) {}

    /**
     * Each tier that holds a row, with its count and latest {@code updated_at}: one pass over the
     * index on (tier, ticker, updated_at), never over the documents.
     */
    public static List<TierCount> tiers(Connection c) throws SQLException {
        try (PreparedStatement q =
                        c.prepareStatement(
                                "SELECT tier, COUNT(*), MAX(updated_at) FROM operator"
                                        + " GROUP BY tier");
                ResultSet rs = q.executeQuery()) {
            List<TierCount> out = new ArrayList<>();
            while (rs.next()) {
                out.add(
                        new TierCount(
                                Tier.valueOf(rs.getString(1)),
                                rs.getLong(2),
                                rs.getObject(3, OffsetDateTime.class).toInstant()));
            }
            return out;
        }
    }

    public static long count(Connection c) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM operator");
                ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Inserts a new row; a duplicate ticker fails with a unique violation ({@link
     * Database#isUniqueViolation}).
     */
    public static void insert(Connection c, OperatorRow r) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement(
                        "INSERT INTO operator ("
                                + COLUMNS
                                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(s, r);
            s.executeUpdate();
        }
    }

    /** Rewrites whole rows (profile and classification), by ticker. */
    public static void update(Connection c, List<OperatorRow> rows) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement(
                        "UPDATE operator SET ticker = ?, name = ?, profile_json = ?, tier = ?,"
                                + " stage = ?, full_stack = ?, risks = ?, classification_json = ?,"
                                + " rule_set_version = ?, classified_on = ?, updated_at = ? WHERE"
                                + " ticker = ?")) {
            for (OperatorRow r : rows) {
                bind(s, r);
                s.setString(12, r.ticker());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /**
     * Rewrites the classification of rows whose profile did not change (a reclassification), by
     * ticker.
     */
    public static void updateClassifications(Connection c, List<OperatorRow> rows)
            throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement(
                        "UPDATE operator SET tier = ?, stage = ?, full_stack = ?, risks = ?,"
                            + " classification_json = ?, rule_set_version = ?, classified_on = ?,"
                            + " updated_at = ? WHERE ticker = ?")) {
            for (OperatorRow r : rows) {
                s.setString(1, r.tier().name());
                s.setString(2, r.stage() == null ? null : r.stage().name());
                s.setBoolean(3, r.fullStack());
                s.setString(4, r.risks());
                s.setString(5, r.classificationJson());
                s.setString(6, r.ruleSetVersion());
                s.setObject(7, r.classifiedOn());
                s.setObject(8, r.updatedAt().atOffset(ZoneOffset.UTC));
                s.setString(9, r.ticker());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Marks rows as classified today without changing their classification (nothing had moved). */
    public static void touch(Connection c, String ticker, LocalDate today) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("UPDATE operator SET classified_on = ? WHERE ticker = ?")) {
            s.setObject(1, today);
            s.setString(2, ticker);
            s.executeUpdate();
        }
    }

    public static boolean delete(Connection c, String ticker) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM operator WHERE ticker = ?")) {
            s.setString(1, ticker);
            return s.executeUpdate() > 0;
        }
    }

    private static void bind(PreparedStatement s, OperatorRow r) throws SQLException {
        s.setString(1, r.ticker());
        s.setString(2, r.name());
        s.setString(3, r.profileJson());
        s.setString(4, r.tier().name());
        s.setString(5, r.stage() == null ? null : r.stage().name());
        s.setBoolean(6, r.fullStack());
        s.setString(7, r.risks());
        s.setString(8, r.classificationJson());
        s.setString(9, r.ruleSetVersion());
        s.setObject(10, r.classifiedOn());
        s.setObject(11, r.updatedAt().atOffset(ZoneOffset.UTC));
    }

    private static OperatorRow row(ResultSet rs) throws SQLException {
        String stage = rs.getString(5);
        return new OperatorRow(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                Tier.valueOf(rs.getString(4)),
                stage == null ? null : Stage.valueOf(stage),
                rs.getBoolean(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getObject(10, LocalDate.class),
                rs.getObject(11, OffsetDateTime.class).toInstant());
    }
}
