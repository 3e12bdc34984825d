package dev.tiering.store;

import java.time.LocalDate;

/**
 * The last finished pass over the store ({@code classification_epoch}): every classification row
 * written before the pass began (its {@code seq} below {@link #startSeq}) is the answer rule set
 * {@link #version} gives on {@link #day}, whichever version wrote it, because the pass compared
 * each row with that answer and rewrote the ones that differed. Rows written since are what their
 * own version and date say.
 *
 * @param version null before the first pass finished (a new store, or one just migrated)
 */
public record Epoch(String version, LocalDate day, long startSeq) {
    /** No pass has finished yet. */
    public static final Epoch NONE = new Epoch(null, null, 0);

    /** Whether {@code row} was written before this pass began, and so is confirmed by it. */
    public boolean confirms(ClassificationRow row) {
        return version != null && row.seq() < startSeq;
    }

    /** The rule set whose answer {@code row} is: this pass's, or the row's own. */
    public String versionOf(ClassificationRow row) {
        return confirms(row) ? version : row.ruleSetVersion();
    }

    /** The date on which {@code row} is that answer. */
    public LocalDate dayOf(ClassificationRow row) {
        return confirms(row) ? day : row.classifiedOn();
    }
}
