package dev.tiering.model;

/**
 * The figures of MODEL.md behind a classification.
 *
 * @param largestCounterparty the counterparty holding {@code largestCounterpartyShare} (null without binding deals)
 * @param densityUsdPerMwYear null where no binding deal has both mw and termYears
 */
public record Metrics(long bindingBacklogUsd, double northAmericaAiMw, String largestCounterparty,
        double largestCounterpartyShare, Long densityUsdPerMwYear) {
}
