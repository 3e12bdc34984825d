package dev.tiering.store;

import dev.tiering.engine.facts.ScreenCandidate;
import dev.tiering.model.Stage;
import dev.tiering.model.Tier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * All SQL of the {@code classification} table. Every write of a row takes the next value of {@code
 * classification_seq} as its {@code seq}, in the statement that writes it, so that a row's seq says
 * whether it was written before or after a pass over the store began.
 */
public final class ClassificationRepository {
    /** The columns, in the order {@link #row} reads them from a given column on. */
    static final String COLUMNS =
            "c.ticker, c.tier, c.stage, c.full_stack, c.risks, c.backlog_usd,"
                    + " c.contract_quality_usd, c.in_house_cloud, c.north_america_ai_mw, c.digest,"
                    + " c.rule_set_version, c.classified_on, c.seq, c.bucket";

    private static final String NEXT_SEQ = "nextval('classification_seq')";

    private ClassificationRepository() {}

    /** The classification of {@code ticker}. */
    public static Optional<ClassificationRow> find(Connection c, String ticker)
            throws SQLException {
        return Jdbc.first(
                c,
                "SELECT " + COLUMNS + " FROM classification c WHERE c.ticker = ?",
                rs -> row(rs, 1),
                ticker);
    }

    /**
     * The classifications from {@code first} to {@code last} ticker, in order, without profiles.
     */
    public static List<ClassificationRow> range(Connection c, String first, String last)
            throws SQLException {
        return Jdbc.list(
                c,
                "SELECT "
                        + COLUMNS
                        + " FROM classification c WHERE c.ticker >= ? AND c.ticker <= ?"
                        + " ORDER BY c.ticker",
                rs -> row(rs, 1),
                first,
                last);
    }

    /** Writes the first classification of a new operator. */
    public static void insert(Connection c, ClassificationRow r) throws SQLException {
        Jdbc.update(
                c,
                "INSERT INTO classification (ticker, tier, stage, full_stack, risks, backlog_usd,"
                        + " contract_quality_usd, in_house_cloud, north_america_ai_mw, digest,"
                        + " rule_set_version, classified_on, seq, bucket) VALUES (?, ?, ?, ?, ?,"
                        + " ?, ?, ?, ?, ?, ?, ?, "
                        + NEXT_SEQ
                        + ", ?)",
                values(r));
    }

    /**
     * Rewrites the classification of an operator whose row lock the caller holds (it wrote the
     * profile in the same transaction).
     */
    public static void update(Connection c, ClassificationRow r) throws SQLException {
        Jdbc.update(c, UPDATE + "WHERE ticker = ?", with(values(r), r.ticker()));
    }

    /**
     * Rewrites each row that is still as it was read ({@code seq} unchanged: no writer got there
     * first), in one batch.
     *
     * @param read the seq each row had when it was read, in the order of {@code rows}
     * @return for each row, whether it was written
     */
    public static boolean[] updateIfUnchanged(
            Connection c, List<ClassificationRow> rows, long[] read) throws SQLException {
        boolean[] written = new boolean[rows.size()];
        if (rows.isEmpty()) {
            return written;
        }
        try (PreparedStatement s = c.prepareStatement(UPDATE + "WHERE ticker = ? AND seq = ?")) {
            for (int i = 0; i < rows.size(); i++) {
                ClassificationRow r = rows.get(i);
                Jdbc.bind(s, with(values(r), r.ticker(), read[i]));
                s.addBatch();
            }
            int[] counts = s.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                // A driver that cannot tell per statement answers SUCCESS_NO_INFO (-2): the row
                // was then read back by the caller's next pass, which finds it as it should be.
                written[i] = counts[i] != 0;
            }
            return written;
        }
    }

    private static final String UPDATE =
            "UPDATE classification SET ticker = ?, tier = ?, stage = ?, full_stack = ?, risks = ?,"
                    + " backlog_usd = ?, contract_quality_usd = ?, in_house_cloud = ?,"
                    + " north_america_ai_mw = ?, digest = ?, rule_set_version = ?,"
                    + " classified_on = ?, seq = "
                    + NEXT_SEQ
                    + ", bucket = ? ";

    /**
     * Tickers of rows written after a pass began ({@code seq} above {@code startSeq}) by a version
     * other than {@code version}: writes through a replica that had not yet followed a rule change.
     */
    public static List<String> writtenSinceNotOn(Connection c, long startSeq, String version)
            throws SQLException {
        return Jdbc.list(
                c,
                "SELECT ticker FROM classification WHERE seq > ? AND rule_set_version <> ?"
                        + " ORDER BY ticker",
                rs -> rs.getString(1),
                startSeq,
                version);
    }

    /** The screen's candidates of one bucket. */
    public static List<ScreenCandidate> candidates(Connection c, int bucket) throws SQLException {
        return Jdbc.list(
                c,
                "SELECT " + COLUMNS + " FROM classification c WHERE c.bucket = ?",
                rs -> row(rs, 1).candidate(),
                bucket);
    }

    /** The next value of the sequence every write takes: where a pass that begins now starts. */
    public static long nextSeq(Connection c) throws SQLException {
        return Jdbc.number(c, "SELECT " + NEXT_SEQ);
    }

    /** The last finished pass over the store ({@code classification_epoch}). */
    public static Epoch epoch(Connection c) throws SQLException {
        return Jdbc.first(
                        c,
                        "SELECT rule_set_version, classified_on, start_seq FROM"
                                + " classification_epoch WHERE id = 1",
                        rs ->
                                rs.getString(1) == null
                                        ? Epoch.NONE
                                        : new Epoch(
                                                rs.getString(1),
                                                rs.getObject(2, LocalDate.class),
                                                rs.getLong(3)))
                .orElse(Epoch.NONE);
    }

    /**
     * Records that a pass with {@code version} on {@code day}, begun at {@code startSeq}, is
     * finished, unless a pass that began later finished first.
     *
     * @return whether it was recorded
     */
    public static boolean finishPass(
            Connection c, String version, LocalDate day, long startSeq, java.time.Instant at)
            throws SQLException {
        return Jdbc.update(
                        c,
                        "UPDATE classification_epoch SET rule_set_version = ?, classified_on = ?,"
                                + " start_seq = ?, finished_at = ? WHERE id = 1"
                                + " AND (start_seq IS NULL OR start_seq < ?)",
                        version,
                        day,
                        startSeq,
                        at,
                        startSeq)
                == 1;
    }

    /** Reads a row whose {@link #COLUMNS} start at column {@code first}. */
    static ClassificationRow row(ResultSet rs, int first) throws SQLException {
        String stage = rs.getString(first + 2);
        return new ClassificationRow(
                rs.getString(first),
                Tier.valueOf(rs.getString(first + 1)),
                stage == null ? null : Stage.valueOf(stage),
                rs.getBoolean(first + 3),
                rs.getString(first + 4),
                rs.getDouble(first + 5),
                rs.getDouble(first + 6),
                rs.getBoolean(first + 7),
                rs.getDouble(first + 8),
                rs.getLong(first + 9),
                rs.getString(first + 10),
                rs.getObject(first + 11, LocalDate.class),
                rs.getLong(first + 12),
                rs.getInt(first + 13));
    }

    /** The values of every column but {@code seq}, in the order of the INSERT and the UPDATE. */
    private static Object[] values(ClassificationRow r) {
        return new Object[] {
            r.ticker(),
            r.tier(),
            r.stage(),
            r.fullStack(),
            r.risks(),
            r.backlogUsd(),
            r.contractQualityUsd(),
            r.inHouseCloud(),
            r.northAmericaAiMw(),
            r.digest(),
            r.ruleSetVersion(),
            r.classifiedOn(),
            r.bucket()
        };
    }

    private static Object[] with(Object[] values, Object... more) {
        Object[] all = java.util.Arrays.copyOf(values, values.length + more.length);
        System.arraycopy(more, 0, all, values.length, more.length);
        return all;
    }
}
