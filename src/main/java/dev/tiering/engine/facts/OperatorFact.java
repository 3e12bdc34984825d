package dev.tiering.engine.facts;

/** The operator-wide facts and derived figures the rules match: one per classification. */
public final class OperatorFact {
    private final String ticker;
    private final double bindingBacklogUsd;
    private final double establishedBacklogUsd;
    private final int bindingDeals;
    private final double northAmericaAiMw;
    private final int aiDedicatedSites;
    private final String largestCounterparty;
    private final double largestCounterpartyShare;
    private final Double densityUsdPerMwYear;
    private final boolean inHouseCloud;
    private final boolean containerOrchestration;
    private final boolean scheduling;
    private final boolean enterpriseSupport;
    private final Long gpus;
    private final Double miningRevenueShare;

    public OperatorFact(
            String ticker,
            double bindingBacklogUsd,
            double establishedBacklogUsd,
            int bindingDeals,
            double northAmericaAiMw,
            int aiDedicatedSites,
            String largestCounterparty,
            double largestCounterpartyShare,
            Double densityUsdPerMwYear,
            boolean inHouseCloud,
            boolean containerOrchestration,
            boolean scheduling,
            boolean enterpriseSupport,
            Long gpus,
            Double miningRevenueShare) {
        this.ticker = ticker;
        this.bindingBacklogUsd = bindingBacklogUsd;
        this.establishedBacklogUsd = establishedBacklogUsd;
        this.bindingDeals = bindingDeals;
        this.northAmericaAiMw = northAmericaAiMw;
        this.aiDedicatedSites = aiDedicatedSites;
        this.largestCounterparty = largestCounterparty;
        this.largestCounterpartyShare = largestCounterpartyShare;
        this.densityUsdPerMwYear = densityUsdPerMwYear;
        this.inHouseCloud = inHouseCloud;
        this.containerOrchestration = containerOrchestration;
        this.scheduling = scheduling;
        this.enterpriseSupport = enterpriseSupport;
        this.gpus = gpus;
        this.miningRevenueShare = miningRevenueShare;
    }

    public String getTicker() {
        return ticker;
    }

    public double getBindingBacklogUsd() {
        return bindingBacklogUsd;
    }

    /** Sum of the binding deals with an established customer, directly or through its guarantor. */
    public double getEstablishedBacklogUsd() {
        return establishedBacklogUsd;
    }

    public int getBindingDeals() {
        return bindingDeals;
    }

    public double getNorthAmericaAiMw() {
        return northAmericaAiMw;
    }

    public int getAiDedicatedSites() {
        return aiDedicatedSites;
    }

    public String getLargestCounterparty() {
        return largestCounterparty;
    }

    public double getLargestCounterpartyShare() {
        return largestCounterpartyShare;
    }

    public Double getDensityUsdPerMwYear() {
        return densityUsdPerMwYear;
    }

    public boolean isInHouseCloud() {
        return inHouseCloud;
    }

    public boolean isContainerOrchestration() {
        return containerOrchestration;
    }

    public boolean isScheduling() {
        return scheduling;
    }

    public boolean isEnterpriseSupport() {
        return enterpriseSupport;
    }

    /** GPUs of the in-house cloud; null where not disclosed (or there is no cloud). */
    public Long getGpus() {
        return gpus;
    }

    public Double getMiningRevenueShare() {
        return miningRevenueShare;
    }

    // ---- the same values as figures for a message (Prose.say)

    public Figure.Usd bindingBacklog() {
        return new Figure.Usd(bindingBacklogUsd, false);
    }

    public Figure.Usd establishedBacklog() {
        return new Figure.Usd(establishedBacklogUsd, false);
    }

    /** "1 binding deal", "3 binding deals". */
    public Figure.Count bindingDealCount() {
        return Figure.count(bindingDeals, "binding deal");
    }

    public Figure.Mw northAmericaAiPower() {
        return new Figure.Mw(northAmericaAiMw, false);
    }

    public Figure.Share largestShare() {
        return new Figure.Share(largestCounterpartyShare, false);
    }

    public Figure.Gpus gpuCount() {
        return new Figure.Gpus(gpus, false);
    }

    public Figure.Share miningShare() {
        return new Figure.Share(miningRevenueShare == null ? 0 : miningRevenueShare, false);
    }
}
