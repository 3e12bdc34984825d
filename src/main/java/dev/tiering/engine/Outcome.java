package dev.tiering.engine;

import dev.tiering.model.Gap;
import dev.tiering.model.Reason;
import dev.tiering.model.RiskCode;
import dev.tiering.model.Stage;
import dev.tiering.model.Tier;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * What the rules decided about one operator.
 *
 * @param stages stages reached, lowest first, each with its evidence
 * @param risks each risk code once, with the messages of the rules that raised it
 * @param gaps what is missing for the tiers and stages above, nearest tier first, then nearest
 *     stage
 * @param conversionUpsideUsdPerYear what the binding colocation book would earn more a year as bare
 *     metal; null where a binding colocation deal lacks its MW, so the sum is not known
 */
public record Outcome(
        Tier tier,
        SortedSet<Stage> stages,
        Map<Stage, List<String>> stageEvidence,
        boolean fullStack,
        Map<RiskCode, String> risks,
        List<Reason> reasons,
        List<Gap> gaps,
        Double conversionUpsideUsdPerYear,
        int firings) {

    public Stage stage() {
        return stages.isEmpty() ? null : stages.last();
    }
}
