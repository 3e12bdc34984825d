package dev.tiering.store;

import dev.tiering.model.Stage;
import dev.tiering.model.Tier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
                Jdbc.bind(
                        s,
                        h.ticker(),
                        h.at(),
                        h.tier(),
                        h.stage(),
                        h.fullStack(),
                        h.risks(),
                        h.ruleSetVersion(),
                        h.cause(),
                        h.detail(),
                        h.by());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** An operator's rows, newest first. */
    public static List<HistoryRow> of(Connection c, String ticker) throws SQLException {
        return Jdbc.list(
                c,
                "SELECT ticker, at, tier, stage, full_stack, risks, rule_set_version, cause,"
                        + " detail, by_user FROM classification_history WHERE ticker = ?"
                        + " ORDER BY id DESC",
                rs -> {
                    String stage = rs.getString(4);
                    return new HistoryRow(
                            rs.getString(1),
                            Jdbc.instant(rs, 2),
                            Tier.valueOf(rs.getString(3)),
                            stage == null ? null : Stage.valueOf(stage),
                            rs.getObject(5, Boolean.class),
                            rs.getString(6),
                            rs.getString(7),
                            Cause.valueOf(rs.getString(8)),
                            rs.getString(9),
                            rs.getString(10));
                },
                ticker);
    }
}
