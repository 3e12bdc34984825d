package dev.tiering.operators;

import dev.tiering.engine.facts.Prose;
import dev.tiering.model.Deal;
import dev.tiering.model.OperatorProfile;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Why a stored classification changed, as the change feed and its digest say it: a phrase that
 * follows "after", naming the deal, the rule set or the date ("Tier 3 → Tier 2: BTDR, after a
 * binding USD 2 B colocation deal with Microsoft (signed 2026-09-01)"). Written once, with the
 * change, so the feed need not keep the deal.
 */
public final class ChangeReasons {
    private ChangeReasons() {}

    /** "a binding USD 2 B colocation deal with Microsoft (signed 2026-09-01)". */
    public static String deal(Deal d) {
        StringBuilder s = new StringBuilder("a ").append(d.status().words());
        if (d.valueUsd() != null && d.valueUsd() > 0) {
            s.append(' ').append(Prose.usd(d.valueUsd()));
        }
        if (d.service() != null) {
            s.append(' ').append(d.service().words());
        }
        s.append(" deal with ").append(d.counterparty());
        List<String> dates = new ArrayList<>();
        if (d.signed() != null) {
            dates.add("signed " + d.signed());
        }
        if (d.ended() != null) {
            dates.add("ended " + d.ended());
        }
        if (!dates.isEmpty()) {
            s.append(" (").append(String.join(", ", dates)).append(')');
        }
        return s.toString();
    }

    public static String dealAdded(Deal d) {
        return deal(d);
    }

    public static String dealAmended(Deal d) {
        return "deal " + d.id() + " amended to " + deal(d);
    }

    public static String dealRemoved(Deal d) {
        return "the removal of " + deal(d);
    }

    /** An import that added or amended these deals of one operator. */
    public static String imported(List<Deal> added, List<Deal> amended) {
        List<String> parts = new ArrayList<>();
        added.forEach(d -> parts.add(deal(d)));
        amended.forEach(d -> parts.add(dealAmended(d)));
        if (parts.size() == 1) {
            return "an import of " + parts.get(0);
        }
        return "an import of "
                + Prose.count(parts.size(), "deal")
                + ": "
                + parts.get(0)
                + (parts.size() == 2 ? " and " + parts.get(1) : ", and more");
    }

    public static String profile(boolean created) {
        return created ? "its profile was created" : "its profile was replaced";
    }

    public static String rules(String version, String by) {
        return "rule set " + version + " went live" + (by == null ? "" : " (by " + by + ")");
    }

    public static String deleted() {
        return "it was deleted";
    }

    /**
     * The dates of {@code profile}'s deals that passed after {@code from} and by {@code to}: "a
     * binding USD 2 B colocation deal with Microsoft (signed 2026-09-01) took effect on
     * 2026-09-01".
     */
    public static String datePassed(OperatorProfile profile, LocalDate from, LocalDate to) {
        List<String> parts = new ArrayList<>();
        if (profile != null && from != null && to != null) {
            for (Deal d : profile.deals()) {
                if (d.signed() != null && d.signed().isAfter(from) && !d.signed().isAfter(to)) {
                    parts.add(deal(d) + " took effect on " + d.signed());
                }
                if (d.ended() != null && d.ended().isAfter(from) && !d.ended().isAfter(to)) {
                    parts.add(deal(d) + " ended on " + d.ended());
                }
            }
        }
        if (parts.isEmpty()) {
            return "a date passed" + (to == null ? "" : " (" + to + ")");
        }
        return String.join("; ", parts);
    }
}
