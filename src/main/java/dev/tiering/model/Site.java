package dev.tiering.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/** A power site of an operator. */
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
        SiteStatus status) {}
