package dev.tiering.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.LocalDate;

/**
 * The operator's in-house GPU cloud and the managed-service capabilities it has. {@code gpus} left
 * out is "not disclosed", and stays out when stored and answered.
 *
 * @param since the date from which the cloud exists (null: every date)
 * @param capabilitiesSince the date from which orchestration, scheduling and enterprise support
 *     hold; before it they count as false (null: as long as the cloud)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GpuCloud(
        boolean inHouse,
        @PositiveOrZero @Max(Limits.MAX_GPUS) Long gpus,
        boolean containerOrchestration,
        boolean scheduling,
        boolean enterpriseSupport,
        LocalDate since,
        LocalDate capabilitiesSince) {

    /** A cloud and its capabilities that hold on every date. */
    public GpuCloud(
            boolean inHouse,
            Long gpus,
            boolean containerOrchestration,
            boolean scheduling,
            boolean enterpriseSupport) {
        this(inHouse, gpus, containerOrchestration, scheduling, enterpriseSupport, null, null);
    }

    /** Whether the cloud exists on the given date (null: every date). */
    public boolean existsOn(LocalDate date) {
        return date == null || since == null || !since.isAfter(date);
    }

    /** Whether its capability flags hold on the given date (null: every date). */
    public boolean capabilitiesOn(LocalDate date) {
        return existsOn(date)
                && (date == null || capabilitiesSince == null || !capabilitiesSince.isAfter(date));
    }
}
