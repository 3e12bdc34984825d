package dev.tiering.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.LocalDate;

/**
 * A power site of an operator.
 *
 * @param since the date from which the site counts (as it is described: its size, its status, its
 *     AI dedication); before it the site does not exist. Null: every date.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Site(
        String name,
        @NotNull
                @Pattern(
                        regexp = "[A-Z]{2}",
                        message = "must be an ISO 3166 alpha-2 code of two upper-case letters")
                String country,
        @NotNull @Positive @DecimalMax(Limits.MAX_MW) Double mw,
        boolean aiDedicated,
        SiteStatus status,
        LocalDate since) {

    /** A site that counts on every date. */
    public Site(String name, String country, Double mw, boolean aiDedicated, SiteStatus status) {
        this(name, country, mw, aiDedicated, status, null);
    }

    /** Whether the site counts on the given date (null: every date). */
    public boolean countsOn(LocalDate date) {
        return date == null || since == null || !since.isAfter(date);
    }
}
