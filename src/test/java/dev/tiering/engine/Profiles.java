package dev.tiering.engine;

import dev.tiering.model.CounterpartyType;
import dev.tiering.model.Deal;
import dev.tiering.model.DealStatus;
import dev.tiering.model.GpuCloud;
import dev.tiering.model.OperatorProfile;
import dev.tiering.model.Service;
import dev.tiering.model.Site;
import dev.tiering.model.SiteStatus;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Small builders so that each rule test states its own profile in a few readable lines. */
final class Profiles {
    private Profiles() {}

    static OperatorBuilder operator() {
        return new OperatorBuilder("TEST");
    }

    /** A binding deal with the given counterparty; nothing else set. */
    static DealBuilder binding(String id, String counterparty, CounterpartyType type) {
        return new DealBuilder(id, counterparty, type, DealStatus.BINDING);
    }

    /** A non-binding deal (an LOI or MOU) with the given counterparty. */
    static DealBuilder nonBinding(String id, String counterparty, CounterpartyType type) {
        return new DealBuilder(id, counterparty, type, DealStatus.NON_BINDING);
    }

    static final class OperatorBuilder {
        private final String ticker;
        private final List<Site> sites = new ArrayList<>();
        private final List<Deal> deals = new ArrayList<>();
        private GpuCloud gpuCloud;
        private Double miningRevenueShare;
        private final List<String> estimates = new ArrayList<>();

        OperatorBuilder(String ticker) {
            this.ticker = ticker;
        }

        /** An energized AI-dedicated site. */
        OperatorBuilder aiSite(String name, String country, double mw) {
            return site(name, country, mw, true, SiteStatus.ENERGIZED);
        }

        /** An energized site that is not AI-dedicated (mining). */
        OperatorBuilder miningSite(String name, String country, double mw) {
            return site(name, country, mw, false, SiteStatus.ENERGIZED);
        }

        OperatorBuilder site(
                String name, String country, double mw, boolean aiDedicated, SiteStatus status) {
            sites.add(new Site(name, country, mw, aiDedicated, status));
            return this;
        }

        /** An energized AI-dedicated site that counts from {@code since}. */
        OperatorBuilder aiSiteSince(String name, String country, double mw, LocalDate since) {
            return siteSince(name, country, mw, SiteStatus.ENERGIZED, since);
        }

        /** An AI-dedicated site with a status, that counts from {@code since}. */
        OperatorBuilder siteSince(
                String name, String country, double mw, SiteStatus status, LocalDate since) {
            sites.add(new Site(name, country, mw, true, status, since));
            return this;
        }

        /**
         * A cloud that exists from {@code since}, its capabilities from {@code capabilitiesSince}.
         */
        OperatorBuilder gpuCloudSince(
                Long gpus,
                boolean orchestration,
                boolean scheduling,
                boolean enterpriseSupport,
                LocalDate since,
                LocalDate capabilitiesSince) {
            gpuCloud =
                    new GpuCloud(
                            true,
                            gpus,
                            orchestration,
                            scheduling,
                            enterpriseSupport,
                            since,
                            capabilitiesSince);
            return this;
        }

        /** Marks the facts at these JSON paths as estimates. */
        OperatorBuilder estimates(String... paths) {
            estimates.addAll(List.of(paths));
            return this;
        }

        /** An in-house (or not) GPU cloud; {@code gpus} null: the count is not disclosed. */
        OperatorBuilder gpuCloud(
                boolean inHouse,
                Long gpus,
                boolean orchestration,
                boolean scheduling,
                boolean enterpriseSupport) {
            gpuCloud = new GpuCloud(inHouse, gpus, orchestration, scheduling, enterpriseSupport);
            return this;
        }

        OperatorBuilder miningRevenueShare(Double share) {
            miningRevenueShare = share;
            return this;
        }

        OperatorBuilder deal(DealBuilder deal) {
            deals.add(deal.build());
            return this;
        }

        OperatorProfile build() {
            return new OperatorProfile(
                    ticker,
                    ticker + " Inc.",
                    sites,
                    gpuCloud,
                    miningRevenueShare,
                    deals,
                    estimates);
        }
    }

    static final class DealBuilder {
        private final String id;
        private final String counterparty;
        private final CounterpartyType type;
        private final DealStatus status;
        private String guarantor;
        private CounterpartyType guarantorType;
        private Double guaranteedUsd;
        private Service service;
        private double valueUsd;
        private Double termYears;
        private Double mw;
        private LocalDate signed;
        private LocalDate ended;

        DealBuilder(String id, String counterparty, CounterpartyType type, DealStatus status) {
            this.id = id;
            this.counterparty = counterparty;
            this.type = type;
            this.status = status;
        }

        DealBuilder value(double usd) {
            valueUsd = usd;
            return this;
        }

        DealBuilder service(Service s) {
            service = s;
            return this;
        }

        /** Size of the deal: MW and years; both are needed for a density. */
        DealBuilder size(Double mw, Double termYears) {
            this.mw = mw;
            this.termYears = termYears;
            return this;
        }

        DealBuilder guarantor(String name, CounterpartyType type) {
            guarantor = name;
            guarantorType = type;
            return this;
        }

        /** The guarantor backs this part of the deal. */
        DealBuilder guaranteed(double usd) {
            guaranteedUsd = usd;
            return this;
        }

        DealBuilder signed(LocalDate date) {
            signed = date;
            return this;
        }

        DealBuilder ended(LocalDate date) {
            ended = date;
            return this;
        }

        Deal build() {
            return new Deal(
                    id,
                    counterparty,
                    type,
                    guarantor,
                    guarantorType,
                    guaranteedUsd,
                    service,
                    status,
                    valueUsd,
                    termYears,
                    mw,
                    null,
                    false,
                    false,
                    signed,
                    ended);
        }
    }
}
