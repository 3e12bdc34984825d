package dev.tiering.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * The operator's in-house GPU cloud and the managed-service capabilities it has. {@code gpus} left
 * out is "not disclosed", and stays out when stored and answered.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GpuCloud(
        boolean inHouse,
        @PositiveOrZero @Max(Limits.MAX_GPUS) Long gpus,
        boolean containerOrchestration,
        boolean scheduling,
        boolean enterpriseSupport) {}
