package dev.tiering.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What an analyst knows about one operator: the request body of /classify and /operators. How many
 * sites and deals and how long its texts may be is configuration ({@link ProfileLimits}), checked
 * by {@link ProfileValidator}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OperatorProfile(
        @NotNull @Pattern(regexp = "[A-Z0-9.-]{1,12}", message = "must match [A-Z0-9.-]{1,12}")
                String ticker,
        String name,
        List<@NotNull @Valid Site> sites,
        @Valid GpuCloud gpuCloud,
        @DecimalMin("0") @DecimalMax("1") Double miningRevenueShare,
        List<@NotNull @Valid Deal> deals) {

    public OperatorProfile {
        // Not List.copyOf: a null element must reach validation and come back as a 400 naming it.
        sites = sites == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(sites));
        deals = deals == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(deals));
    }

    public OperatorProfile withDeals(List<Deal> newDeals) {
        return new OperatorProfile(ticker, name, sites, gpuCloud, miningRevenueShare, newDeals);
    }
}
