package dev.tiering.engine;

import dev.tiering.engine.facts.OperatorFact;
import dev.tiering.model.Classification;
import dev.tiering.model.Metrics;
import dev.tiering.model.OperatorProfile;
import dev.tiering.model.Risk;
import dev.tiering.model.RuleSetRef;
import dev.tiering.model.Tier;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Classifies profiles with a rule set: facts in, classification out. Stores nothing. */
public final class Classifier {
    private final RuleEngine engine;
    private final Clock clock;

    public Classifier(RuleEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    public RuleEngine engine() {
        return engine;
    }

    /** Today's date in UTC, the date the current classification counts deals on. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** Classifies as of {@code asOf} (null: today). */
    public Classification classify(RuleSet ruleSet, OperatorProfile profile, LocalDate asOf) {
        Facts facts = facts(ruleSet, profile, asOf);
        Outcome outcome = engine.classify(ruleSet, facts);
        return toClassification(profile.ticker(), facts, outcome, ruleSet, asOf);
    }

    /**
     * The tier alone, as of {@code asOf}: what a backtest compares, without the answer's record.
     */
    public Tier tier(RuleSet ruleSet, OperatorProfile profile, LocalDate asOf) {
        return engine.classify(ruleSet, facts(ruleSet, profile, asOf)).tier();
    }

    /**
     * The facts of a profile as of {@code asOf} (null: today), under a rule set's minimum order.
     */
    public Facts facts(RuleSet ruleSet, OperatorProfile profile, LocalDate asOf) {
        return Facts.of(profile, asOf == null ? today() : asOf, ruleSet);
    }

    public static Classification toClassification(
            String ticker, Facts facts, Outcome outcome, RuleSet ruleSet, LocalDate asOf) {
        OperatorFact o = facts.operator();
        Double upside = outcome.conversionUpsideUsdPerYear();
        Metrics metrics =
                new Metrics(
                        Metrics.figure(o.getBindingBacklogUsd(), 0),
                        Metrics.figure(o.getEstablishedBacklogUsd(), 0),
                        Metrics.figure(o.getNorthAmericaAiMw(), 3).doubleValue(),
                        o.getLargestCounterparty(),
                        Metrics.figure(o.getLargestCounterpartyShare(), 4).doubleValue(),
                        o.getDensityUsdPerMwYear() == null
                                ? null
                                : (long) Math.floor(o.getDensityUsdPerMwYear()),
                        upside == null ? null : Metrics.figure(upside, 0));
        List<Risk> risks = new ArrayList<>(outcome.risks().size());
        outcome.risks().forEach((code, message) -> risks.add(new Risk(code, message)));
        return new Classification(
                ticker,
                outcome.tier(),
                outcome.stage(),
                List.copyOf(outcome.stages()),
                outcome.fullStack(),
                metrics,
                risks,
                outcome.reasons(),
                outcome.gaps(),
                new RuleSetRef(ruleSet.version(), ruleSet.loadedAt()),
                asOf);
    }
}
