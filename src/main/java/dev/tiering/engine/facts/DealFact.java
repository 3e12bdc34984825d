package dev.tiering.engine.facts;

import dev.tiering.model.CounterpartyType;
import dev.tiering.model.DealStatus;
import dev.tiering.model.Service;

/**
 * One deal as the rules see it. {@code effectiveService} starts as the stated service; where that
 * is missing the inference rules of stages.drl set it from the density. {@code takeOrPay} and
 * {@code tripleNet} are null where the deal does not disclose them.
 */
public final class DealFact {
    private final String id;
    private final String counterparty;
    private final CounterpartyType counterpartyType;
    private final String guarantor;
    private final CounterpartyType guarantorType;
    private final Service service;
    private final DealStatus status;
    private final double valueUsd;
    private final Double termYears;
    private final Double mw;
    private final Double density;
    private final Boolean takeOrPay;
    private final Boolean tripleNet;
    private final boolean establishedCustomer;
    private Service effectiveService;

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
        this.id = id;
        this.counterparty = counterparty;
        this.counterpartyType = counterpartyType;
        this.guarantor = guarantor;
        this.guarantorType = guarantorType;
        this.service = service;
        this.status = status;
        this.valueUsd = valueUsd;
        this.termYears = termYears;
        this.mw = mw;
        this.density = density;
        this.takeOrPay = takeOrPay;
        this.tripleNet = tripleNet;
        this.establishedCustomer =
                counterpartyType != null && counterpartyType.established()
                        || guarantorType != null && guarantorType.established();
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

    public Service getService() {
        return service;
    }

    public DealStatus getStatus() {
        return status;
    }

    public boolean isBinding() {
        return status == DealStatus.BINDING;
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
        return establishedCustomer;
    }

    public Service getEffectiveService() {
        return effectiveService;
    }

    public void setEffectiveService(Service effectiveService) {
        this.effectiveService = effectiveService;
    }

    // ---- the same values as figures for a message (Prose.say)

    public Figure.Usd value() {
        return new Figure.Usd(valueUsd, false);
    }

    /** Its price per MW and year, "not known" without its MW or term. */
    public Figure.Density price() {
        return new Figure.Density(density, false);
    }

    /** Who it is with: "Microsoft, a hyperscaler". */
    public Figure.Customer customer() {
        return new Figure.Customer(this);
    }
}
