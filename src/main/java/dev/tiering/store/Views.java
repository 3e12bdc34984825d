package dev.tiering.store;

import dev.tiering.model.Classification;
import dev.tiering.model.Gap;
import dev.tiering.model.RiskCode;
import dev.tiering.model.Stage;
import dev.tiering.model.Tier;
import dev.tiering.model.OperatorProfile;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The JSON payloads of the operator endpoints. */
public final class Views {
    private Views() {
    }

    /**
     * A line of {@code GET /operators}: the fields of API.md plus what a board needs to draw a card, among them what
     * would move the operator (its gaps) and the conversion upside of its colocation book.
     */
    public record OperatorSummary(String ticker, String name, Tier tier, Stage stage, List<Stage> stages,
            boolean fullStack, long bindingBacklogUsd, long establishedBacklogUsd, Long densityUsdPerMwYear,
            double largestCounterpartyShare, double northAmericaAiMw, long conversionUpsideUsdPerYear,
            List<RiskCode> risks, List<Gap> gaps) {
        static OperatorSummary of(String name, Classification c) {
            return new OperatorSummary(c.ticker(), name, c.tier(), c.stage(), c.stages(), c.fullStack(),
                    c.metrics().bindingBacklogUsd(), c.metrics().establishedBacklogUsd(),
                    c.metrics().densityUsdPerMwYear(), c.metrics().largestCounterpartyShare(),
                    c.metrics().northAmericaAiMw(), c.metrics().conversionUpsideUsdPerYear(),
                    c.risks().stream().map(r -> r.code()).toList(), c.gaps());
        }
    }

    /** {@code GET /operators/{ticker}}. */
    public record StoredOperator(OperatorProfile profile, Classification classification) {
    }

    /** The answer of a deal change: the classification before and after, and whether the tier moved. */
    public record DealChange(Classification before, Classification after, boolean tierChanged) {
    }

    /** The answer of {@code PUT /operators/{ticker}}: whether it was new, and its classification. */
    public record Stored(boolean created, Classification classification) {
    }

    /** A line of {@code GET /operators/{ticker}/history}. */
    public record HistoryEntry(Instant at, Tier tier, Stage stage, String ruleSetVersion, Cause cause,
            String detail) {
    }

    /** A line of {@code GET /operators/{ticker}/timeline}: the classification on a date a deal was signed or ended. */
    public record TimelineEntry(LocalDate date, Tier tier, Stage stage, List<Stage> stages, boolean fullStack,
            String event) {
    }

    /** {@code GET /screen}: the note's picks over all stored operators, with the reasons of screen.drl. */
    public record Screen(String fullStackLeader, String contractQualityLeader, List<String> highPotential,
            List<dev.tiering.model.Reason> reasons, String ruleSetVersion) {
    }
}
