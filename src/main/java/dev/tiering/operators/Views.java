package dev.tiering.operators;

import dev.tiering.model.Classification;
import dev.tiering.model.Gap;
import dev.tiering.model.OperatorProfile;
import dev.tiering.model.RiskCode;
import dev.tiering.model.Stage;
import dev.tiering.model.Tier;
import dev.tiering.store.Cause;
import dev.tiering.store.Epoch;
import dev.tiering.store.HistoryRow;
import dev.tiering.store.Tally;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The JSON payloads of the operator endpoints. */
public final class Views {
    private Views() {}

    /**
     * A line of {@code GET /operators}: the fields of API.md plus what a board needs to draw a
     * card, among them what would move the operator (its gaps) and the conversion upside of its
     * colocation book.
     */
    public record OperatorSummary(
            String ticker,
            String name,
            Tier tier,
            Stage stage,
            List<Stage> stages,
            boolean fullStack,
            BigDecimal bindingBacklogUsd,
            BigDecimal establishedBacklogUsd,
            Long densityUsdPerMwYear,
            double largestCounterpartyShare,
            double northAmericaAiMw,
            BigDecimal conversionUpsideUsdPerYear,
            List<RiskCode> risks,
            List<Gap> gaps,
            String ruleSetVersion) {
        static OperatorSummary of(String name, Classification c) {
            return new OperatorSummary(
                    c.ticker(),
                    name,
                    c.tier(),
                    c.stage(),
                    c.stages(),
                    c.fullStack(),
                    c.metrics().bindingBacklogUsd(),
                    c.metrics().establishedBacklogUsd(),
                    c.metrics().densityUsdPerMwYear(),
                    c.metrics().largestCounterpartyShare(),
                    c.metrics().northAmericaAiMw(),
                    c.metrics().conversionUpsideUsdPerYear(),
                    c.risks().stream().map(r -> r.code()).toList(),
                    c.gaps(),
                    c.ruleSet() == null ? null : c.ruleSet().version());
        }
    }

    /**
     * {@code GET /operators/counts}: how many operators are stored, in all and in each tier (every
     * tier, 0 for an empty one), when the latest of them was written (null for an empty store), and
     * opaque change markers that a client compares to know whether to read the list again: {@code
     * version} changes with every write and every delete, {@code versionByTier} with every one that
     * adds, removes or rewrites an operator of that tier. Both also change when a pass over the
     * store finishes (a rule change that moved nobody's figures still gives every operator a new
     * rule-set version).
     */
    public record Counts(
            long total,
            Map<Tier, Long> byTier,
            Instant updatedAt,
            String version,
            Map<Tier, String> versionByTier) {
        static Counts of(List<Tally.TierCount> tiers, Epoch epoch) {
            Map<Tier, Long> byTier = new EnumMap<>(Tier.class);
            Map<Tier, String> versions = new EnumMap<>(Tier.class);
            String pass = String.valueOf(epoch.startSeq());
            for (Tier t : Tier.values()) {
                byTier.put(t, 0L);
                versions.put(t, "0-0-" + pass);
            }
            long total = 0;
            long revisions = 0;
            Instant latest = null;
            for (Tally.TierCount t : tiers) {
                byTier.put(t.tier(), t.operators());
                versions.put(t.tier(), t.operators() + "-" + t.revision() + "-" + pass);
                total += t.operators();
                revisions += t.revision();
                if (t.operators() > 0
                        && t.latest() != null
                        && (latest == null || t.latest().isAfter(latest))) {
                    latest = t.latest();
                }
            }
            return new Counts(
                    total, byTier, latest, total + "-" + revisions + "-" + pass, versions);
        }
    }

    /** {@code GET /operators/{ticker}}. */
    public record StoredOperator(OperatorProfile profile, Classification classification) {}

    /**
     * The answer of a deal change: the classification before and after, and whether the tier moved.
     */
    public record DealChange(Classification before, Classification after, boolean tierChanged) {}

    /**
     * The answer of {@code PUT /operators/{ticker}}: whether it was new, and its classification.
     */
    public record Stored(boolean created, Classification classification) {}

    /**
     * A line of {@code GET /operators/{ticker}/history}: a classification the operator moved to,
     * its cause, the rule set that made it (it resolves in {@code GET /rules/versions}) and who.
     *
     * @param fullStack null, like {@code risks} and {@code by}, in entries written before they were
     *     recorded
     * @param risks the risk codes it carried
     * @param by a user name, {@code watcher}, {@code startup} or {@code catch-up}
     */
    public record HistoryEntry(
            Instant at,
            Tier tier,
            Stage stage,
            Boolean fullStack,
            List<RiskCode> risks,
            String ruleSetVersion,
            Cause cause,
            String detail,
            String by) {
        static HistoryEntry of(HistoryRow h) {
            List<RiskCode> risks =
                    h.risks() == null
                            ? null
                            : h.risks().isEmpty()
                                    ? List.of()
                                    : java.util.Arrays.stream(h.risks().split(","))
                                            .map(RiskCode::valueOf)
                                            .toList();
            return new HistoryEntry(
                    h.at(),
                    h.tier(),
                    h.stage(),
                    h.fullStack(),
                    risks,
                    h.ruleSetVersion(),
                    h.cause(),
                    h.detail(),
                    h.by());
        }
    }

    /**
     * A line of {@code GET /operators/{ticker}/timeline}: the classification on a date one of the
     * operator's facts began or ended (a deal signed or ended, a site or the GPU cloud from its
     * date), and the rule set that gave it.
     */
    public record TimelineEntry(
            LocalDate date,
            Tier tier,
            Stage stage,
            List<Stage> stages,
            boolean fullStack,
            String event,
            String ruleSetVersion) {}

    /**
     * {@code GET /screen}: the note's picks over all stored operators, with the reasons of
     * screen.drl.
     */
    public record Screen(
            String fullStackLeader,
            String contractQualityLeader,
            List<String> highPotential,
            List<dev.tiering.model.Reason> reasons,
            String ruleSetVersion) {}
}
