package dev.tiering.lifecycle;

import dev.tiering.model.TierChange;
import dev.tiering.model.TimelineChange;
import java.util.List;

/**
 * What a candidate rule set would change in the store, measured against the active one: every
 * stored operator whose tier it moves today, and every date of every operator's timeline on which
 * the two give different tiers (a backtest).
 */
public record Impact(List<TierChange> changes, List<TimelineChange> timelineChanges) {
    public static final Impact NONE = new Impact(List.of(), List.of());
}
