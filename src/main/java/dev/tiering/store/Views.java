package dev.tiering.store;

import dev.tiering.model.Classification;
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

    /** A line of {@code GET /operators}: the fields of API.md plus what a board needs to draw a card. */
    public record OperatorSummary(String ticker, String name, Tier tier, Stage stage, List<Stage> stages,
            boolean fullStack, long bindingBacklogUsd, Long densityUsdPerMwYear, double largestCounterpartyShare,
            double northAmericaAiMw, List<RiskCode> risks) {
        static OperatorSummary of(String name, Classification c) {
            return new OperatorSummary(c.ticker(), name, c.tier(), c.stage(), c.stages(), c.fullStack(),
                    c.metrics().bindingBacklogUsd(), c.metrics().densityUsdPerMwYear(),
                    c.metrics().largestCounterpartyShare(), c.metrics().northAmericaAiMw(),
                    c.risks().stream().map(r -> r.code()).toList());
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

    /**
     * A line of {@code GET /operators/{ticker}/history}: a classification the operator moved to, its cause, the rule
     * set that made it (it resolves in {@code GET /rules/versions}) and who.
     *
     * @param fullStack null, like {@code risks} and {@code by}, in entries written before they were recorded
     * @param risks     the risk codes it carried
     * @param by        a user name, {@code watcher}, {@code startup} or {@code catch-up}
     */
    public record HistoryEntry(Instant at, Tier tier, Stage stage, Boolean fullStack, List<RiskCode> risks,
            String ruleSetVersion, Cause cause, String detail, String by) {
        static HistoryEntry of(HistoryRow h) {
            List<RiskCode> risks = h.risks() == null ? null : h.risks().isEmpty() ? List.of()
                    : java.util.Arrays.stream(h.risks().split(",")).map(RiskCode::valueOf).toList();
            return new HistoryEntry(h.at(), h.tier(), h.stage(), h.fullStack(), risks, h.ruleSetVersion(), h.cause(),
                    h.detail(), h.by());
        }
    }

    /**
     * A line of {@code GET /operators/{ticker}/timeline}: the classification on a date a deal was signed or ended,
     * and the rule set that gave it.
     */
    public record TimelineEntry(LocalDate date, Tier tier, Stage stage, List<Stage> stages, boolean fullStack,
            String event, String ruleSetVersion) {
    }

    /** {@code GET /screen}: the note's picks over all stored operators, with the reasons of screen.drl. */
    public record Screen(String fullStackLeader, String contractQualityLeader, List<String> highPotential,
            List<dev.tiering.model.Reason> reasons, String ruleSetVersion) {
    }
}
