package dev.tiering.engine.facts;

import dev.tiering.model.Tier;
import dev.tiering.engine.Facts;
import dev.tiering.engine.Outcome;

/** One stored operator as the screen rules see it: its classification and the figures the picks rank by. */
public final class ScreenCandidate {
    private final String ticker;
    private final Tier tier;
    private final boolean fullStack;
    private final double bindingBacklogUsd;
    private final double contractQualityUsd;
    private final boolean inHouseCloud;
    private final double northAmericaAiMw;

    public ScreenCandidate(String ticker, Tier tier, boolean fullStack, double bindingBacklogUsd,
            double contractQualityUsd, boolean inHouseCloud, double northAmericaAiMw) {
        this.ticker = ticker;
        this.tier = tier;
        this.fullStack = fullStack;
        this.bindingBacklogUsd = bindingBacklogUsd;
        this.contractQualityUsd = contractQualityUsd;
        this.inHouseCloud = inHouseCloud;
        this.northAmericaAiMw = northAmericaAiMw;
    }

    /** The candidate of one operator: its facts (deals that count today) and what the rules made of them. */
    public static ScreenCandidate of(Facts facts, Outcome outcome) {
        return of(facts, outcome.tier(), outcome.fullStack());
    }

    /** The candidate of a stored operator: its facts and its stored tier and full-stack flag. */
    public static ScreenCandidate of(Facts facts, Tier tier, boolean fullStack) {
        double quality = 0;
        for (DealFact d : facts.deals()) {
            if (d.isBinding() && d.isTakeOrPay() && d.isTripleNet()) {
                quality += d.getValueUsd();
            }
        }
        var o = facts.operator();
        return new ScreenCandidate(o.getTicker(), tier, fullStack, o.getBindingBacklogUsd(),
                quality, o.isInHouseCloud(), o.getNorthAmericaAiMw());
    }

    public String getTicker() { return ticker; }
    public Tier getTier() { return tier; }
    public boolean isFullStack() { return fullStack; }
    public double getBindingBacklogUsd() { return bindingBacklogUsd; }
    /** Sum of the binding deals that are both take-or-pay and triple-net. */
    public double getContractQualityUsd() { return contractQualityUsd; }
    public boolean isInHouseCloud() { return inHouseCloud; }
    public double getNorthAmericaAiMw() { return northAmericaAiMw; }
}
