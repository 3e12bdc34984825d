package dev.tiering.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an analyst knows about one operator: the request body of /classify and /operators. How many
 * sites and deals and how long its texts may be is configuration ({@link ProfileLimits}), checked
 * by {@link ProfileValidator}.
 *
 * @param estimates JSON paths of the facts that are estimates ({@code "gpuCloud.gpus"}, {@code
 *     "deals[2].valueUsd"}, or a whole {@code "deals[2]"}): a message that uses one says "about …
 *     (estimate)"
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OperatorProfile(
        @NotNull @Pattern(regexp = "[A-Z0-9.-]{1,12}", message = "must match [A-Z0-9.-]{1,12}")
                String ticker,
        String name,
        List<@NotNull @Valid Site> sites,
        @Valid GpuCloud gpuCloud,
        @DecimalMin("0") @DecimalMax("1") Double miningRevenueShare,
        List<@NotNull @Valid Deal> deals,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<@NotNull String> estimates) {

    public OperatorProfile {
        // Not List.copyOf: a null element must reach validation and come back as a 400 naming it.
        sites = sites == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(sites));
        deals = deals == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(deals));
        estimates =
                estimates == null
                        ? List.of()
                        : Collections.unmodifiableList(new ArrayList<>(estimates));
    }

    /** A profile that marks nothing as an estimate. */
    public OperatorProfile(
            String ticker,
            String name,
            List<Site> sites,
            GpuCloud gpuCloud,
            Double miningRevenueShare,
            List<Deal> deals) {
        this(ticker, name, sites, gpuCloud, miningRevenueShare, deals, List.of());
    }

    /**
     * This profile with other deals. The estimates of a deal follow it by its id to its new place;
     * those of a deal no longer there are dropped, and so is an estimate of a field the new deal
     * does not give.
     */
    public OperatorProfile withDeals(List<Deal> newDeals) {
        if (estimates.isEmpty()) {
            return new OperatorProfile(
                    ticker, name, sites, gpuCloud, miningRevenueShare, newDeals, estimates);
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < newDeals.size(); i++) {
            if (newDeals.get(i) != null) {
                index.putIfAbsent(newDeals.get(i).id(), i);
            }
        }
        List<String> moved = new ArrayList<>(estimates.size());
        for (String path : estimates) {
            EstimatePath.Parsed p = EstimatePath.parse(path);
            if (p == null || !p.list().equals("deals")) {
                moved.add(path);
                continue;
            }
            Deal old = p.index() < deals.size() ? deals.get(p.index()) : null;
            Integer now = old == null ? null : index.get(old.id());
            if (now != null) {
                moved.add("deals[" + now + "]" + p.rest());
            }
        }
        OperatorProfile next =
                new OperatorProfile(
                        ticker, name, sites, gpuCloud, miningRevenueShare, newDeals, moved);
        List<String> given = new ArrayList<>(moved.size());
        for (String path : moved) {
            if (EstimatePath.pointsAtAFact(next, path)) {
                given.add(path);
            }
        }
        return given.size() == moved.size()
                ? next
                : new OperatorProfile(
                        ticker, name, sites, gpuCloud, miningRevenueShare, newDeals, given);
    }

    /** Whether the fact at this JSON path (or what holds it: a deal, a site) is an estimate. */
    public boolean isEstimate(String path) {
        return !estimates.isEmpty() && EstimatePath.covers(estimates, path);
    }
}
