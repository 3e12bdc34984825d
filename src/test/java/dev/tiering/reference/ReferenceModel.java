package dev.tiering.reference;

import dev.tiering.model.CounterpartyType;
import dev.tiering.model.Deal;
import dev.tiering.model.DealStatus;
import dev.tiering.model.GpuCloud;
import dev.tiering.model.OperatorProfile;
import dev.tiering.model.RiskCode;
import dev.tiering.model.Service;
import dev.tiering.model.Site;
import dev.tiering.model.SiteStatus;
import dev.tiering.model.Stage;
import dev.tiering.model.Tier;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * MODEL.md in plain Java, written from the model's text alone (not from the rule files or {@code
 * Facts}). It is the oracle of the property tests and the "floor" the rule engine is benchmarked
 * against, so it is one pass over sites and deals with no maps, no streams and no per-deal objects:
 * stages and risks are bit masks, and sets are only built when a caller asks for them.
 */
public final class ReferenceModel {
    /**
     * Effective-service cut: density at or above it is bare metal, below it colocation (USD/MW/yr).
     */
    public static final double BARE_METAL_DENSITY_USD = 5_000_000.0;

    /** Established backlog from which orders count as massive (Tier 1). */
    public static final double MASSIVE_ESTABLISHED_BACKLOG_USD = 1_000_000_000.0;

    /**
     * The note's colocation rate and the low end of its bare-metal band (USD/MW/yr), for the
     * conversion upside.
     */
    public static final double COLOCATION_RATE_USD = 1_780_000.0;

    public static final double BARE_METAL_LOW_USD = 9_700_000.0;

    /** Tier 3 needs more North-American AI MW than this (or an in-house GPU cloud). */
    public static final double TIER_THREE_NORTH_AMERICA_AI_MW = 0.0;

    /** Largest-counterparty share from which concentration is flagged. */
    public static final double CONCENTRATION_SHARE = 0.5;

    /** Mining share of revenue from which crypto exposure is flagged. */
    public static final double CRYPTO_REVENUE_SHARE = 0.5;

    private static final int COLOCATION = 1 << Stage.COLOCATION.ordinal();
    private static final int BARE_METAL = 1 << Stage.BARE_METAL.ordinal();
    private static final int NEOCLOUD = 1 << Stage.NEOCLOUD.ordinal();
    private static final Stage[] STAGES = Stage.values();
    private static final RiskCode[] RISKS = RiskCode.values();

    private ReferenceModel() {}

    /**
     * The classification and derived figures of one operator.
     *
     * @param stageMask bit {@code 1 << stage.ordinal()} per evidenced stage
     * @param riskMask bit {@code 1 << code.ordinal()} per flagged risk
     * @param densityUsdPerMwYear operator density over binding deals with mw and termYears, or null
     *     if none
     * @param noStageEvidenceDeals binding deals with neither a service nor a density
     * @param establishedBacklogUsd binding value with a hyperscaler, AI lab or enterprise, directly
     *     or as guarantor
     * @param conversionUpsideUsdPerYear binding colocation MW times (bare-metal low band -
     *     colocation rate)
     */
    public record Result(
            Tier tier,
            int stageMask,
            boolean fullStack,
            int riskMask,
            double bindingBacklogUsd,
            int bindingDeals,
            double northAmericaAiMw,
            double largestCounterpartyShare,
            Double densityUsdPerMwYear,
            int noStageEvidenceDeals,
            double establishedBacklogUsd,
            double conversionUpsideUsdPerYear) {

        /**
         * What the gaps move toward (MODEL.md, "What would move it"), nearest tier first, then
         * nearest stage: Tier 2 to Tier 1; Tier 3 to Tier 2; untiered to Tier 3 and Tier 2; no
         * stage or colocation to bare metal; anything below neocloud to neocloud.
         */
        public List<String> gapsToward() {
            List<String> out = new ArrayList<>(4);
            switch (tier) {
                case TIER_2 -> out.add(Tier.TIER_1.name());
                case TIER_3 -> out.add(Tier.TIER_2.name());
                case UNTIERED -> {
                    out.add(Tier.TIER_3.name());
                    out.add(Tier.TIER_2.name());
                }
                default -> {}
            }
            Stage stage = stage();
            if (stage == null || stage == Stage.COLOCATION) {
                out.add(Stage.BARE_METAL.name());
            }
            if (stage != Stage.NEOCLOUD) {
                out.add(Stage.NEOCLOUD.name());
            }
            return out;
        }

        /** The highest evidenced stage, or null. */
        public Stage stage() {
            return stageMask == 0 ? null : STAGES[31 - Integer.numberOfLeadingZeros(stageMask)];
        }

        /** Evidenced stages, lowest first. */
        public SortedSet<Stage> stages() {
            TreeSet<Stage> out = new TreeSet<>();
            for (Stage s : STAGES) {
                if ((stageMask & (1 << s.ordinal())) != 0) {
                    out.add(s);
                }
            }
            return Collections.unmodifiableSortedSet(out);
        }

        public boolean has(Stage stage) {
            return (stageMask & (1 << stage.ordinal())) != 0;
        }

        /** Flagged risks. */
        public Set<RiskCode> risks() {
            EnumSet<RiskCode> out = EnumSet.noneOf(RiskCode.class);
            for (RiskCode r : RISKS) {
                if ((riskMask & (1 << r.ordinal())) != 0) {
                    out.add(r);
                }
            }
            return out;
        }

        public boolean has(RiskCode risk) {
            return (riskMask & (1 << risk.ordinal())) != 0;
        }
    }

    /** Classifies with every deal (asOf null) or with the deals that count on {@code asOf}. */
    public static Result classify(OperatorProfile profile, LocalDate asOfOrNull) {
        // ---- sites: North-American AI MW, AI-dedicated sites, grid risk
        double naAiMw = 0;
        boolean anyAiSite = false;
        boolean gridRisk = false;
        List<Site> sites = profile.sites();
        for (int i = 0, n = sites.size(); i < n; i++) {
            Site s = sites.get(i);
            if (!s.aiDedicated()) {
                continue;
            }
            anyAiSite = true;
            if (isNorthAmerican(s.country())) {
                naAiMw += s.mw();
            }
            if (s.status() == SiteStatus.AWAITING_INTERCONNECTION) {
                gridRisk = true;
            }
        }

        // ---- deals: backlog, stages, established customers, hardware risk, operator density
        List<Deal> deals = profile.deals();
        int n = deals.size();
        double backlog = 0;
        int bindingDeals = 0;
        double establishedBacklog = 0;
        double colocationMw = 0;
        int stageMask = 0;
        boolean hardwareRisk = false;
        double sizedValue = 0;
        double mwYears = 0;
        int noEvidence = 0;
        for (int i = 0; i < n; i++) {
            Deal d = deals.get(i);
            if (!counts(d, asOfOrNull) || d.status() != DealStatus.BINDING) {
                continue;
            }
            double value = d.valueUsd() == null ? 0 : d.valueUsd();
            bindingDeals++;
            backlog += value;
            if (isEstablished(d.counterpartyType()) || isEstablished(d.guarantorType())) {
                establishedBacklog += value;
            }
            boolean sized =
                    d.valueUsd() != null
                            && d.mw() != null
                            && d.termYears() != null
                            && d.mw() > 0
                            && d.termYears() > 0;
            if (sized) {
                sizedValue += value;
                mwYears += d.mw() * d.termYears();
            }
            Service service = d.service();
            if (service == null && sized) {
                double density = value / (d.mw() * d.termYears());
                service =
                        density >= BARE_METAL_DENSITY_USD ? Service.BARE_METAL : Service.COLOCATION;
            }
            if (service == null) {
                noEvidence++;
                continue;
            }
            switch (service) {
                case COLOCATION -> {
                    stageMask |= COLOCATION;
                    if (d.mw() != null) {
                        colocationMw += d.mw();
                    }
                }
                case BARE_METAL -> {
                    stageMask |= BARE_METAL;
                    hardwareRisk = true;
                }
                case MANAGED_CLOUD -> {
                    stageMask |= NEOCLOUD;
                    hardwareRisk = true;
                }
            }
        }

        // ---- largest counterparty share: names equal ignoring case; O(n^2) over binding deals, no
        // map
        double largest = 0;
        if (backlog > 0) {
            for (int i = 0; i < n; i++) {
                Deal d = deals.get(i);
                if (!isCountedBinding(d, asOfOrNull)
                        || seenBefore(deals, i, d.counterparty(), asOfOrNull)) {
                    continue;
                }
                double sum = 0;
                for (int k = i; k < n; k++) {
                    Deal e = deals.get(k);
                    if (isCountedBinding(e, asOfOrNull)
                            && e.counterparty().equalsIgnoreCase(d.counterparty())) {
                        sum += e.valueUsd() == null ? 0 : e.valueUsd();
                    }
                }
                if (sum > largest) {
                    largest = sum;
                }
            }
        }
        double share = backlog > 0 ? largest / backlog : 0;

        // ---- GPU cloud
        GpuCloud cloud = profile.gpuCloud();
        boolean inHouse = cloud != null && cloud.inHouse();
        if (inHouse
                && cloud.containerOrchestration()
                && cloud.scheduling()
                && cloud.enterpriseSupport()) {
            stageMask |= NEOCLOUD;
        }
        if (cloud != null && cloud.gpus() != null && cloud.gpus() > 0) {
            hardwareRisk = true;
        }

        boolean fullStack =
                anyAiSite && (stageMask & BARE_METAL) != 0 && (stageMask & NEOCLOUD) != 0;

        Tier tier;
        if (establishedBacklog >= MASSIVE_ESTABLISHED_BACKLOG_USD) {
            tier = Tier.TIER_1;
        } else if (bindingDeals > 0) {
            tier = Tier.TIER_2;
        } else if (naAiMw > TIER_THREE_NORTH_AMERICA_AI_MW || inHouse) {
            tier = Tier.TIER_3;
        } else {
            tier = Tier.UNTIERED;
        }

        int riskMask = 0;
        if (backlog > 0 && share >= CONCENTRATION_SHARE) {
            riskMask |= 1 << RiskCode.COUNTERPARTY_CONCENTRATION.ordinal();
        }
        if (gridRisk) {
            riskMask |= 1 << RiskCode.GRID_INTERCONNECTION.ordinal();
        }
        if (hardwareRisk) {
            riskMask |= 1 << RiskCode.HARDWARE_OBSOLESCENCE.ordinal();
        }
        Double mining = profile.miningRevenueShare();
        if (mining != null && mining >= CRYPTO_REVENUE_SHARE) {
            riskMask |= 1 << RiskCode.CRYPTO_EXPOSURE.ordinal();
        }

        return new Result(
                tier,
                stageMask,
                fullStack,
                riskMask,
                backlog,
                bindingDeals,
                naAiMw,
                share,
                mwYears > 0 ? sizedValue / mwYears : null,
                noEvidence,
                establishedBacklog,
                colocationMw * (BARE_METAL_LOW_USD - COLOCATION_RATE_USD));
    }

    /**
     * A deal counts on a date if signed on or before it (or undated) and not ended on or before it.
     */
    static boolean counts(Deal d, LocalDate asOf) {
        if (asOf == null) {
            return true;
        }
        if (d.signed() != null && d.signed().isAfter(asOf)) {
            return false;
        }
        return d.ended() == null || d.ended().isAfter(asOf);
    }

    private static boolean isCountedBinding(Deal d, LocalDate asOf) {
        return d.status() == DealStatus.BINDING && counts(d, asOf);
    }

    private static boolean seenBefore(List<Deal> deals, int index, String name, LocalDate asOf) {
        for (int j = 0; j < index; j++) {
            Deal e = deals.get(j);
            if (isCountedBinding(e, asOf) && e.counterparty().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    static boolean isEstablished(CounterpartyType t) {
        return t == CounterpartyType.HYPERSCALER
                || t == CounterpartyType.AI_LAB
                || t == CounterpartyType.ENTERPRISE;
    }

    static boolean isNorthAmerican(String country) {
        return "US".equals(country) || "CA".equals(country) || "MX".equals(country);
    }
}
