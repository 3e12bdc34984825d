package dev.tiering.store;

import java.time.Instant;

/**
 * A row of {@code change_event}: one change of a stored classification's outline, as the feed and
 * the webhooks give it.
 *
 * @param id the order the rows were written in
 * @param eventId the event's id, the same on every delivery of it
 * @param position the feed's cursor: given once the row has committed, increasing in commit order
 * @param before null for a new operator
 * @param after null for a deleted one
 */
public record ChangeEventRow(
        long id,
        String eventId,
        long position,
        Instant at,
        String ticker,
        ChangeCause cause,
        String by,
        String ruleSetVersion,
        Outline before,
        Outline after,
        String detail,
        String reason) {}
