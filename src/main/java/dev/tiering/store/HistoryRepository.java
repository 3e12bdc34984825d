package dev.tiering.store;

import dev.tiering.model.Stage;
import dev.tiering.model.Tier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** All SQL of the {@code classification_history} table. */
public final class HistoryRepository {
    private HistoryRepository() {}

    /** Appends rows, in one batch. */
    public static void append(Connection c, List<HistoryRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement s =
                c.prepareStatement(
                        "INSERT INTO classification_history (ticker, at, tier, stage, full_stack,"
                            + " risks, rule_set_version, cause, detail, by_user) VALUES (?, ?, ?,"
                            + " ?, ?, ?, ?, ?, ?, ?)")) {
            for (HistoryRow h : rows) {
                s.setString(1, h.ticker());
                s.setObject(2, h.at().atOffset(ZoneOffset.UTC));
                s.setString(3, h.tier().name());
                s.setString(4, h.stage() == null ? null : h.stage().name());
                s.setObject(5, h.fullStack());
                s.setString(6, h.risks());
                s.setString(7, h.ruleSetVersion());
                s.setString(8, h.cause().name());
                s.setString(9, h.detail());
                s.setString(10, h.by());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** An operator's rows, newest first. */
    public static List<HistoryRow> of(Connection c, String ticker) throws SQLException {
        try (PreparedStatement q =
                c.prepareStatement(
                        "SELECT ticker, at, tier, stage, full_stack, risks, rule_set_version,"
                            + " cause, detail, by_user FROM classification_history WHERE ticker = ?"
                            + " ORDER BY id DESC")) {
            q.setString(1, ticker);
            try (ResultSet rs = q.executeQuery()) {
                List<HistoryRow> out = new ArrayList<>();
                while (rs.next()) {
                    String stage = rs.getString(4);
                    out.add(
                            new HistoryRow(
                                    rs.getString(1),
                                    rs.getObject(2, OffsetDateTime.class).toInstant(),
                                    Tier.valueOf(rs.getString(3)),
                                    stage == null ? null : Stage.valueOf(stage),
                                    rs.getObject(5, Boolean.class),
                                    rs.getString(6),
                                    rs.getString(7),
                                    Cause.valueOf(rs.getString(8)),
                                    rs.getString(9),
                                    rs.getString(10)));
                }
                return out;
            }
        }
    }

    public static void deleteOf(Connection c, String ticker) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("DELETE FROM classification_history WHERE ticker = ?")) {
            s.setString(1, ticker);
            s.executeUpdate();
        }
    }
}
