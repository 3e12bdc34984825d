package dev.tiering.engine.facts;

import dev.tiering.model.CounterpartyType;
import dev.tiering.model.DealStatus;
import dev.tiering.model.Service;

/**
 * One deal as the rules see it. {@code effectiveService} starts as the stated service; where that
 * is missing the inference rules of stages.drl set it from the density. {@code takeOrPay} and
 * {@code tripleNet} are null where the deal does not disclose them.
 *
 * <p>A binding deal is an <em>order</em> (it counts in the backlogs, stages, tiers, concentration
 * and upside) when its value reaches the minimum order of tiers.drl; below it, it is too small to
 * count. Its <em>established part</em> is what it would add to the established backlog as an order:
 * all of it with an established counterparty; with only an established guarantor, the guaranteed
 * amount, or all of it where that amount is not disclosed.
 */
public final class DealFact {
    private final String id;
    private final String counterparty;
    private final CounterpartyType counterpartyType;
    private final String guarantor;
    private final CounterpartyType guarantorType;
    private final Double guaranteedUsd;
    private final Service service;
    private final DealStatus status;
    private final double valueUsd;
    private final Double termYears;
    private final Double mw;
    private final Double density;
    private final Boolean takeOrPay;
    private final Boolean tripleNet;
    private final boolean order;
    private final boolean tooSmall;
    private final double establishedUsd;
    private final boolean guaranteeUndisclosed;
    private final Estimates estimates;
    private Service effectiveService;

    /** Which of the deal's figures the profile marks as estimates. */
    public record Estimates(boolean value, boolean mw, boolean term, boolean guaranteed) {
        public static final Estimates NONE = new Estimates(false, false, false, false);
    }

    /** A deal with no minimum order, no guaranteed amount and no estimates. */
    public DealFact(
            String id,
            String counterparty,
            CounterpartyType counterpartyType,
            String guarantor,
            CounterpartyType guarantorType,
            Service service,
            DealStatus status,
            double valueUsd,
            Double termYears,
            Double mw,
            Double density,
            Boolean takeOrPay,
            Boolean tripleNet) {
        this(
                id,
                counterparty,
                counterpartyType,
                guarantor,
                guarantorType,
                null,
                service,
                status,
                valueUsd,
                termYears,
                mw,
                density,
                takeOrPay,
                tripleNet,
                0,
                Estimates.NONE);
    }

    public DealFact(
            String id,
            String counterparty,
            CounterpartyType counterpartyType,
            String guarantor,
            CounterpartyType guarantorType,
            Double guaranteedUsd,
            Service service,
            DealStatus status,
            double valueUsd,
            Double termYears,
            Double mw,
            Double density,
            Boolean takeOrPay,
            Boolean tripleNet,
            double minimumOrderUsd,
            Estimates estimates) {
        this.id = id;
        this.counterparty = counterparty;
        this.counterpartyType = counterpartyType;
        this.guarantor = guarantor;
        this.guarantorType = guarantorType;
        this.guaranteedUsd = guaranteedUsd;
        this.service = service;
        this.status = status;
        this.valueUsd = valueUsd;
        this.termYears = termYears;
        this.mw = mw;
        this.density = density;
        this.takeOrPay = takeOrPay;
        this.tripleNet = tripleNet;
        this.tooSmall = valueUsd < minimumOrderUsd;
        this.order = status == DealStatus.BINDING && !tooSmall;
        boolean ownEstablished = counterpartyType != null && counterpartyType.established();
        boolean backerEstablished =
                !ownEstablished && guarantorType != null && guarantorType.established();
        this.guaranteeUndisclosed = backerEstablished && guaranteedUsd == null;
        this.establishedUsd =
                ownEstablished || guaranteeUndisclosed
                        ? valueUsd
                        : backerEstablished ? Math.min(guaranteedUsd, valueUsd) : 0;
        this.estimates = estimates;
        this.effectiveService = service;
    }

    public String getId() {
        return id;
    }

    public String getCounterparty() {
        return counterparty;
    }

    public CounterpartyType getCounterpartyType() {
        return counterpartyType;
    }

    public String getGuarantor() {
        return guarantor;
    }

    public CounterpartyType getGuarantorType() {
        return guarantorType;
    }

    /** The part of the value its guarantor backs; null where not disclosed. */
    public Double getGuaranteedUsd() {
        return guaranteedUsd;
    }

    public Service getService() {
        return service;
    }

    public DealStatus getStatus() {
        return status;
    }

    /** Binding by its status, whatever its size. */
    public boolean isBinding() {
        return status == DealStatus.BINDING;
    }

    /** Binding and at least the minimum order: it counts. */
    public boolean isOrder() {
        return order;
    }

    /** Below the minimum order, binding or not. */
    public boolean isTooSmall() {
        return tooSmall;
    }

    public double getValueUsd() {
        return valueUsd;
    }

    public Double getTermYears() {
        return termYears;
    }

    public Double getMw() {
        return mw;
    }

    /** USD per MW per year, or null where mw or termYears is unknown. */
    public Double getDensity() {
        return density;
    }

    /** True, false, or null where not disclosed. */
    public Boolean getTakeOrPay() {
        return takeOrPay;
    }

    /** True, false, or null where not disclosed. */
    public Boolean getTripleNet() {
        return tripleNet;
    }

    /** Both take-or-pay and triple-net, as disclosed: a term not disclosed does not count. */
    public boolean isTakeOrPayTripleNet() {
        return Boolean.TRUE.equals(takeOrPay) && Boolean.TRUE.equals(tripleNet);
    }

    /**
     * The counterparty, or its guarantor, is a hyperscaler, an AI lab or an enterprise (MODEL.md).
     */
    public boolean isEstablishedCustomer() {
        return establishedUsd > 0;
    }

    /**
     * What this deal adds to the established backlog as an order (0 without an established
     * customer).
     */
    public double getEstablishedUsd() {
        return establishedUsd;
    }

    /**
     * Only its guarantor is established and the guaranteed amount is not disclosed, so all of it
     * counts as established.
     */
    public boolean isGuaranteeUndisclosed() {
        return guaranteeUndisclosed;
    }

    /** Only its guarantor is established, and it backs a stated part of it. */
    public boolean isPartlyGuaranteed() {
        return establishedUsd > 0 && !guaranteeUndisclosed && !establishedOwn();
    }

    private boolean establishedOwn() {
        return counterpartyType != null && counterpartyType.established();
    }

    public Service getEffectiveService() {
        return effectiveService;
    }

    public void setEffectiveService(Service effectiveService) {
        this.effectiveService = effectiveService;
    }

    public Estimates estimates() {
        return estimates;
    }

    // ---- the same values as figures for a message (Prose.say)

    public Figure.Usd value() {
        return new Figure.Usd(valueUsd, estimates.value());
    }

    /** Its price per MW and year, "not known" without its MW or term. */
    public Figure.Density price() {
        return new Figure.Density(density, estimates.value() || estimates.mw() || estimates.term());
    }

    /** Its MW; 0 where not stated (ask {@link #getMw()} first). */
    public Figure.Mw power() {
        return new Figure.Mw(mw == null ? 0 : mw, estimates.mw());
    }

    /** What it adds to the established backlog as an order. */
    public Figure.Usd establishedPart() {
        return new Figure.Usd(
                establishedUsd, isPartlyGuaranteed() ? estimates.guaranteed() : estimates.value());
    }

    /** The operator's established backlog with this deal's established part added to it. */
    public Figure.Usd establishedWith(OperatorFact o) {
        return new Figure.Usd(
                o.getEstablishedBacklogUsd() + establishedUsd,
                o.establishedBacklog().estimate() || establishedPart().estimate());
    }

    /** Who it is with: "Microsoft, a hyperscaler". */
    public Figure.Customer customer() {
        return new Figure.Customer(this);
    }
}
