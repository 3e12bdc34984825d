package dev.tiering.model;

/**
 * The figures of MODEL.md behind a classification.
 *
 * @param establishedBacklogUsd binding value with an established customer, directly or through a
 *     guarantor
 * @param largestCounterparty the counterparty holding {@code largestCounterpartyShare} (null
 *     without binding deals)
 * @param densityUsdPerMwYear null where no binding deal has both mw and termYears
 * @param conversionUpsideUsdPerYear what the binding colocation MW would earn more a year as bare
 *     metal (0 without any)
 */
public record Metrics(
        long bindingBacklogUsd,
        long establishedBacklogUsd,
        double northAmericaAiMw,
        String largestCounterparty,
        double largestCounterpartyShare,
        Long densityUsdPerMwYear,
        long conversionUpsideUsdPerYear) {}
