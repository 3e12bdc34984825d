package dev.tiering.engine.facts;

import java.time.LocalDate;

/**
 * A deal of the profile that does not count on the date of the classification: signed after it
 * ({@code future}, it counts from {@code date}), or ended on or before it ({@code date} is its
 * end). The other rules never see it; it lets a message say why a deal is missing.
 */
public final class DealOffDate {
    private final DealFact deal;
    private final LocalDate date;
    private final boolean future;
    private final LocalDate asOf;

    public DealOffDate(DealFact deal, LocalDate date, boolean future, LocalDate asOf) {
        this.deal = deal;
        this.date = date;
        this.future = future;
        this.asOf = asOf;
    }

    public DealFact getDeal() {
        return deal;
    }

    public String getId() {
        return deal.getId();
    }

    /** The date it counts from (a future deal) or ended on. */
    public LocalDate getDate() {
        return date;
    }

    public boolean isFuture() {
        return future;
    }

    public boolean isEnded() {
        return !future;
    }

    /** The date of the classification. */
    public LocalDate getAsOf() {
        return asOf;
    }
}
