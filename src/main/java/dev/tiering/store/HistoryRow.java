package dev.tiering.store;

import dev.tiering.model.Stage;
import dev.tiering.model.Tier;
import java.time.Instant;

/**
 * A row of {@code classification_history}: a classification an operator moved to (its tier, stage,
 * full stack or risks changed), what caused it and who. {@code fullStack}, {@code risks} and {@code
 * by} are null in rows written before they were recorded.
 */
public record HistoryRow(
        String ticker,
        Instant at,
        Tier tier,
        Stage stage,
        Boolean fullStack,
        String risks,
        String ruleSetVersion,
        Cause cause,
        String detail,
        String by) {
    /** Longest detail kept. */
    static final int MAX_DETAIL = 400;

    public HistoryRow {
        if (detail != null && detail.length() > MAX_DETAIL) {
            detail = detail.substring(0, MAX_DETAIL);
        }
    }
}
