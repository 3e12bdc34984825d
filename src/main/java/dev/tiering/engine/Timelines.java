package dev.tiering.engine;

import dev.tiering.model.Deal;
import dev.tiering.model.GpuCloud;
import dev.tiering.model.OperatorProfile;
import dev.tiering.model.Site;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The dates of an operator's timeline: every date one of its facts began or ended (a deal signed or
 * ended, a site from its {@code since}, the GPU cloud and its capabilities from theirs), with what
 * happened. These are the dates on which its classification can change, so timelines, replays and
 * backtests classify on exactly these.
 */
public final class Timelines {
    private Timelines() {}

    /**
     * Date → events ("signed msft-2025", "ended x", "site Sweetwater 1", "GPU cloud", "GPU cloud
     * capabilities"), oldest first.
     */
    public static SortedMap<LocalDate, List<String>> events(OperatorProfile profile) {
        SortedMap<LocalDate, List<String>> events = new TreeMap<>();
        for (Deal d : profile.deals()) {
            add(events, d.signed(), "signed " + d.id());
            add(events, d.ended(), "ended " + d.id());
        }
        for (Site s : profile.sites()) {
            add(events, s.since(), s.name() == null ? "a site" : "site " + s.name());
        }
        GpuCloud cloud = profile.gpuCloud();
        if (cloud != null) {
            add(events, cloud.since(), "GPU cloud");
            if (cloud.capabilitiesSince() != null
                    && (cloud.since() == null
                            || cloud.capabilitiesSince().isAfter(cloud.since()))) {
                add(events, cloud.capabilitiesSince(), "GPU cloud capabilities");
            }
        }
        return events;
    }

    private static void add(
            SortedMap<LocalDate, List<String>> events, LocalDate date, String what) {
        if (date != null) {
            events.computeIfAbsent(date, k -> new ArrayList<>()).add(what);
        }
    }
}
