package dev.tiering.model;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.PositiveOrZero;

/** The operator's in-house GPU cloud and the managed-service capabilities it has. */
public record GpuCloud(
        boolean inHouse,
        @PositiveOrZero @Max(Limits.MAX_GPUS) Long gpus,
        boolean containerOrchestration,
        boolean scheduling,
        boolean enterpriseSupport) {

    public long gpuCount() {
        return gpus == null ? 0 : gpus;
    }
}
