package dev.tiering.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.LocalDate;

/**
 * An AI/HPC contract of an operator, as MODEL.md defines it. A field left out is not disclosed: it
 * stays out when the deal is stored and answered ({@code takeOrPay} absent is "not disclosed", not
 * "no").
 *
 * @param guaranteedUsd the part of the value its guarantor backs (null: not disclosed, or no
 *     guarantor)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Deal(
        @NotNull
                @Pattern(
                        regexp = "[A-Za-z0-9._-]{1,64}",
                        message = "must match [A-Za-z0-9._-]{1,64}")
                String id,
        @NotBlank String counterparty,
        @NotNull CounterpartyType counterpartyType,
        String guarantor,
        CounterpartyType guarantorType,
        @Positive @DecimalMax(Limits.MAX_USD) Double guaranteedUsd,
        Service service,
        @NotNull DealStatus status,
        @NotNull @Positive @DecimalMax(Limits.MAX_USD) Double valueUsd,
        @Positive @DecimalMax("50") Double termYears,
        @Positive @DecimalMax(Limits.MAX_MW) Double mw,
        @PositiveOrZero @DecimalMax(Limits.MAX_USD) Double prepaymentUsd,
        Boolean takeOrPay,
        Boolean tripleNet,
        LocalDate signed,
        LocalDate ended) {

    /** A deal without a guaranteed amount (not disclosed, or no guarantor). */
    public Deal(
            String id,
            String counterparty,
            CounterpartyType counterpartyType,
            String guarantor,
            CounterpartyType guarantorType,
            Service service,
            DealStatus status,
            Double valueUsd,
            Double termYears,
            Double mw,
            Double prepaymentUsd,
            Boolean takeOrPay,
            Boolean tripleNet,
            LocalDate signed,
            LocalDate ended) {
        this(
                id,
                counterparty,
                counterpartyType,
                guarantor,
                guarantorType,
                null,
                service,
                status,
                valueUsd,
                termYears,
                mw,
                prepaymentUsd,
                takeOrPay,
                tripleNet,
                signed,
                ended);
    }

    /** This deal with another guaranteed amount. */
    public Deal withGuaranteedUsd(Double amount) {
        return new Deal(
                id,
                counterparty,
                counterpartyType,
                guarantor,
                guarantorType,
                amount,
                service,
                status,
                valueUsd,
                termYears,
                mw,
                prepaymentUsd,
                takeOrPay,
                tripleNet,
                signed,
                ended);
    }

    public boolean binding() {
        return status == DealStatus.BINDING;
    }

    /**
     * Whether the deal counts on the given date: signed on or before it (or undated) and not ended
     * by it.
     */
    public boolean activeOn(LocalDate date) {
        return (signed == null || !signed.isAfter(date)) && (ended == null || ended.isAfter(date));
    }
}
