package dev.tiering.store;

import java.time.Instant;

/**
 * An operator as stored: its profile (a JSON document with its deals), when the profile was last
 * written, and its current classification. Never leaves the store's callers.
 *
 * @param classification null only for an operator whose classification row is missing (never, but
 *     for a write that is halfway)
 */
public record OperatorRow(
        String ticker,
        String name,
        String profileJson,
        Instant updatedAt,
        ClassificationRow classification) {}
