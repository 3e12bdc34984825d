package dev.tiering.engine;

import dev.tiering.model.Deal;
import dev.tiering.model.OperatorProfile;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The dates of an operator's timeline: every date one of its deals was signed or ended, with what
 * happened.
 */
public final class Timelines {
    private Timelines() {}

    /** Date → events ("signed msft-2025", "ended x"), oldest first. */
    public static SortedMap<LocalDate, List<String>> events(OperatorProfile profile) {
        SortedMap<LocalDate, List<String>> events = new TreeMap<>();
        for (Deal d : profile.deals()) {
            if (d.signed() != null) {
                events.computeIfAbsent(d.signed(), k -> new ArrayList<>()).add("signed " + d.id());
            }
            if (d.ended() != null) {
                events.computeIfAbsent(d.ended(), k -> new ArrayList<>()).add("ended " + d.id());
            }
        }
        return events;
    }
}
