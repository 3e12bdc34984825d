package dev.tiering.store;

import dev.tiering.model.Stage;
import dev.tiering.model.Tier;
import java.time.Instant;

/** A row of {@code classification_history}: one classification an operator had, and what caused it. */
record HistoryRow(String ticker, Instant at, Tier tier, Stage stage, String ruleSetVersion, Cause cause,
        String detail) {
    /** Longest detail kept. */
    static final int MAX_DETAIL = 400;

    HistoryRow {
        if (detail != null && detail.length() > MAX_DETAIL) {
            detail = detail.substring(0, MAX_DETAIL);
        }
    }
}
