package dev.tiering.engine.facts;

/**
 * The operator-wide facts and derived figures the rules match: one per classification, as of its
 * date. Only orders count in the figures (binding deals of at least the minimum order); an in-house
 * GPU cloud that states no GPUs counts as no cloud ({@link #isEmptyCloud()} says so).
 */
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
    private final boolean emptyCloud;
    private final boolean containerOrchestration;
    private final boolean scheduling;
    private final boolean enterpriseSupport;
    private final Long gpus;
    private final Double miningRevenueShare;
    private final Estimates estimates;

    /** Which of the operator's figures rest on an estimate of the profile. */
    public record Estimates(
            boolean bindingBacklog,
            boolean establishedBacklog,
            boolean northAmericaAiMw,
            boolean gpus,
            boolean miningRevenueShare) {
        public static final Estimates NONE = new Estimates(false, false, false, false, false);
    }

    /** The figures of one operator. */
    public record Figures(
            double bindingBacklogUsd,
            double establishedBacklogUsd,
            int bindingDeals,
            double northAmericaAiMw,
            int aiDedicatedSites,
            String largestCounterparty,
            double largestCounterpartyShare,
            Double densityUsdPerMwYear) {}

    /** What its in-house GPU cloud is on the date, and its mining share. */
    public record Cloud(
            boolean inHouse,
            boolean empty,
            boolean containerOrchestration,
            boolean scheduling,
            boolean enterpriseSupport,
            Long gpus) {
        public static final Cloud NONE = new Cloud(false, false, false, false, false, null);
    }

    public OperatorFact(
            String ticker,
            Figures figures,
            Cloud cloud,
            Double miningRevenueShare,
            Estimates estimates) {
        this.ticker = ticker;
        this.bindingBacklogUsd = figures.bindingBacklogUsd();
        this.establishedBacklogUsd = figures.establishedBacklogUsd();
        this.bindingDeals = figures.bindingDeals();
        this.northAmericaAiMw = figures.northAmericaAiMw();
        this.aiDedicatedSites = figures.aiDedicatedSites();
        this.largestCounterparty = figures.largestCounterparty();
        this.largestCounterpartyShare = figures.largestCounterpartyShare();
        this.densityUsdPerMwYear = figures.densityUsdPerMwYear();
        this.inHouseCloud = cloud.inHouse();
        this.emptyCloud = cloud.empty();
        this.containerOrchestration = cloud.containerOrchestration();
        this.scheduling = cloud.scheduling();
        this.enterpriseSupport = cloud.enterpriseSupport();
        this.gpus = cloud.gpus();
        this.miningRevenueShare = miningRevenueShare;
        this.estimates = estimates;
    }

    public String getTicker() {
        return ticker;
    }

    /** Sum of the orders. */
    public double getBindingBacklogUsd() {
        return bindingBacklogUsd;
    }

    /**
     * Sum of the orders' established parts: with an established customer, directly, or through a
     * guarantor for the part it backs.
     */
    public double getEstablishedBacklogUsd() {
        return establishedBacklogUsd;
    }

    /** How many orders. */
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

    /** An in-house GPU cloud exists on the date, and does not state 0 GPUs. */
    public boolean isInHouseCloud() {
        return inHouseCloud;
    }

    /** An in-house GPU cloud exists on the date but states 0 GPUs, so counts as none. */
    public boolean isEmptyCloud() {
        return emptyCloud;
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

    /** GPUs of the cloud on the date; null where not disclosed (or there is no cloud). */
    public Long getGpus() {
        return gpus;
    }

    public Double getMiningRevenueShare() {
        return miningRevenueShare;
    }

    public Estimates estimates() {
        return estimates;
    }

    // ---- the same values as figures for a message (Prose.say)

    public Figure.Usd bindingBacklog() {
        return new Figure.Usd(bindingBacklogUsd, estimates.bindingBacklog());
    }

    public Figure.Usd establishedBacklog() {
        return new Figure.Usd(establishedBacklogUsd, estimates.establishedBacklog());
    }

    /** "1 binding deal", "3 binding deals". */
    public Figure.Count bindingDealCount() {
        return Figure.count(bindingDeals, "binding deal");
    }

    /** "1 AI-dedicated site", "3 AI-dedicated sites". */
    public Figure.Count aiDedicatedSiteCount() {
        return Figure.count(aiDedicatedSites, "AI-dedicated site");
    }

    public Figure.Mw northAmericaAiPower() {
        return new Figure.Mw(northAmericaAiMw, estimates.northAmericaAiMw());
    }

    public Figure.Share largestShare() {
        return new Figure.Share(largestCounterpartyShare, estimates.bindingBacklog());
    }

    public Figure.Gpus gpuCount() {
        return new Figure.Gpus(gpus, estimates.gpus());
    }

    public Figure.Share miningShare() {
        return new Figure.Share(
                miningRevenueShare == null ? 0 : miningRevenueShare,
                estimates.miningRevenueShare());
    }
}
