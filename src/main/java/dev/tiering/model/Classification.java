package dev.tiering.model;

import java.time.LocalDate;
import java.util.List;

/**
 * The answer for one operator: tier, stage and risks, the figures behind them, the rules that
 * fired, what would move it up (gaps, nearest tier first, then nearest stage) and the rule-set
 * version that produced it.
 *
 * @param gaps what is missing for the next tiers and stages up; empty for a Tier 1 neocloud
 * @param asOf the date the deals were counted on (null: today)
 */
public record Classification(
        String ticker,
        Tier tier,
        Stage stage,
        List<Stage> stages,
        boolean fullStack,
        Metrics metrics,
        List<Risk> risks,
        List<Reason> reasons,
        List<Gap> gaps,
        RuleSetRef ruleSet,
        LocalDate asOf) {

    public Classification {
        // a classification stored before gaps existed reads back with none
        gaps = gaps == null ? List.of() : gaps;
    }
}
