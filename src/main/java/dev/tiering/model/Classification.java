package dev.tiering.model;

import java.time.LocalDate;
import java.util.List;

/**
 * The answer for one operator: tier, stage and risks, the figures behind them, the rules that fired and the
 * rule-set version that produced it.
 *
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
        RuleSetRef ruleSet,
        LocalDate asOf) {
}
