package dev.tiering.store;

import java.time.Instant;

/**
 * A change of one stored classification's outline, as the transaction that makes it records it: the
 * outline before ({@code null} for a new operator) and the row after ({@code null} for a deleted
 * one), why, in the words of history ({@code detail}) and of the feed ({@code reason}, a phrase
 * that follows "after": "a binding USD 2 B colocation deal with Microsoft (signed 2026-09-01)"),
 * and who.
 */
public record ChangeRecord(
        String ticker,
        Outline before,
        ClassificationRow after,
        String ruleSetVersion,
        Instant at,
        ChangeCause cause,
        String detail,
        String reason,
        String by) {
    /** Longest detail or reason kept. */
    static final int MAX_TEXT = 400;

    public ChangeRecord {
        detail = cut(detail);
        reason = cut(reason);
    }

    private static String cut(String s) {
        return s != null && s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT - 1) + "…" : s;
    }

    /** The change a write made from {@code before} (null: none) to {@code after}. */
    public static ChangeRecord written(
            ClassificationRow before,
            ClassificationRow after,
            Instant at,
            ChangeCause cause,
            String detail,
            String reason,
            String by) {
        return new ChangeRecord(
                after.ticker(),
                before == null ? null : before.outline(),
                after,
                after.ruleSetVersion(),
                at,
                cause,
                detail,
                reason,
                by);
    }

    /**
     * Whether a write from {@code before} (null: a new operator) to {@code after} is a change the
     * feed and history record.
     */
    public static boolean moved(ClassificationRow before, ClassificationRow after) {
        return before == null || before.outline().changedTo(after.outline());
    }
}
