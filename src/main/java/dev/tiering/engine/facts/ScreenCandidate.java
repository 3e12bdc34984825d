package dev.tiering.engine.facts;

import dev.tiering.model.Tier;

/**
 * One stored operator as the screen rules see it: its classification and the figures the picks rank
 * by.
 */
public final class ScreenCandidate {
    private final String ticker;
    private final Tier tier;
    private final boolean fullStack;
    private final double bindingBacklogUsd;
    private final double contractQualityUsd;
    private final boolean inHouseCloud;
    private final double northAmericaAiMw;

    public ScreenCandidate(
            String ticker,
            Tier tier,
            boolean fullStack,
            double bindingBacklogUsd,
            double contractQualityUsd,
            boolean inHouseCloud,
            double northAmericaAiMw) {
        this.ticker = ticker;
        this.tier = tier;
        this.fullStack = fullStack;
        this.bindingBacklogUsd = bindingBacklogUsd;
        this.contractQualityUsd = contractQualityUsd;
        this.inHouseCloud = inHouseCloud;
        this.northAmericaAiMw = northAmericaAiMw;
    }

    public String getTicker() {
        return ticker;
    }

    public Tier getTier() {
        return tier;
    }

    public boolean isFullStack() {
        return fullStack;
    }

    public double getBindingBacklogUsd() {
        return bindingBacklogUsd;
    }

    /** Sum of the binding deals that are both take-or-pay and triple-net. */
    public double getContractQualityUsd() {
        return contractQualityUsd;
    }

    public boolean isInHouseCloud() {
        return inHouseCloud;
    }

    public double getNorthAmericaAiMw() {
        return northAmericaAiMw;
    }

    // ---- the same values as figures for a message (Prose.say)

    public Figure.Usd bindingBacklog() {
        return Figure.usd(bindingBacklogUsd);
    }

    public Figure.Usd contractQuality() {
        return Figure.usd(contractQualityUsd);
    }

    public Figure.Mw northAmericaAiPower() {
        return Figure.mw(northAmericaAiMw);
    }
}
