package dev.tiering.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Parses the {@code asOf} query parameter. */
public final class Dates {
    private Dates() {}

    /** What the {@code asOf} parameter means, for the OpenAPI document. */
    static final String AS_OF =
            "Classify as on this day: only deals signed by then and not ended by then count";

    /** Null for absent; 400 naming {@code asOf} for anything but an ISO date. */
    public static LocalDate parseAsOf(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("asOf", "must be an ISO date such as 2026-01-01");
        }
    }
}
