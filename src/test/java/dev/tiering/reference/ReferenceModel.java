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

    /** Value from which a binding deal counts as an order (model v3). */
    public static final double MINIMUM_ORDER_USD = 10_000_000.0;

    /** Legal suffixes a counterparty's name may end in (model v3), compared without dots. */
    private static final List<String> LEGAL_SUFFIXES =
            List.of(
                    "inc",
                    "corp",
                    "corporation",
                    "llc",
                    "ltd",
                    "limited",
                    "plc",
                    "gmbh",
                    "sa",
                    "ag");

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
     * @param establishedBacklogUsd order value with a hyperscaler, AI lab or enterprise: all of a
     *     deal whose counterparty is one; where only its guarantor is, the guaranteed part (all of
     *     it where that is not disclosed)
     * @param conversionUpsideUsdPerYear per binding colocation order with mw: mw times (bare-metal
     *     low band - its own density, or the colocation rate where it has none), at least 0; null
     *     where such an order lacks its mw
     * @param nonBindingToTierOne a non-binding deal of at least the minimum order would, once
     *     binding, bring the established backlog to Tier 1
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
            Double conversionUpsideUsdPerYear,
            boolean nonBindingToTierOne) {

        /**
         * What the gaps move toward (MODEL.md, "What would move it", and model v3), nearest tier
         * first, then nearest stage: Tier 2 to Tier 1; Tier 3 to Tier 2; untiered to Tier 3 and
         * Tier 2; below Tier 2 also to Tier 1 where a non-binding deal made binding would reach it;
         * without bare metal to bare metal (a neocloud too, for the full stack); anything below
         * neocloud to neocloud.
         */
        public List<String> gapsToward() {
            List<String> out = new ArrayList<>(5);
            switch (tier) {
                case TIER_2 -> out.add(Tier.TIER_1.name());
                case TIER_3 -> out.add(Tier.TIER_2.name());
                case UNTIERED -> {
                    out.add(Tier.TIER_3.name());
                    out.add(Tier.TIER_2.name());
                }
                default -> {}
            }
            if ((tier == Tier.TIER_3 || tier == Tier.UNTIERED) && nonBindingToTierOne) {
                out.add(Tier.TIER_1.name());
            }
            Stage stage = stage();
            if (!has(Stage.BARE_METAL)) {
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
            if (!s.aiDedicated() || !from(s.since(), asOfOrNull)) {
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
        double upside = 0;
        boolean upsideKnown = true;
        double nonBindingEstablished = 0;
        int stageMask = 0;
        boolean hardwareRisk = false;
        double sizedValue = 0;
        double mwYears = 0;
        int noEvidence = 0;
        for (int i = 0; i < n; i++) {
            Deal d = deals.get(i);
            if (!counts(d, asOfOrNull) || d.valueUsd() < MINIMUM_ORDER_USD) {
                continue;
            }
            if (d.status() != DealStatus.BINDING) {
                nonBindingEstablished = Math.max(nonBindingEstablished, established(d));
                continue;
            }
            double value = d.valueUsd();
            bindingDeals++;
            backlog += value;
            establishedBacklog += established(d);
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
                    if (d.mw() == null) {
                        upsideKnown = false;
                    } else {
                        double price =
                                sized ? value / (d.mw() * d.termYears()) : COLOCATION_RATE_USD;
                        upside += Math.max(0, d.mw() * (BARE_METAL_LOW_USD - price));
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

        // ---- largest counterparty share: names equal without case, punctuation and legal
        // suffixes; O(n^2) over orders, no map
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
                            && sameCounterparty(e.counterparty(), d.counterparty())) {
                        sum += e.valueUsd();
                    }
                }
                if (sum > largest) {
                    largest = sum;
                }
            }
        }
        double share = backlog > 0 ? largest / backlog : 0;

        // ---- GPU cloud
        // ---- GPU cloud: from its date; capabilities from theirs; 0 GPUs stated is no cloud
        GpuCloud cloud = profile.gpuCloud();
        boolean exists = cloud != null && from(cloud.since(), asOfOrNull);
        boolean inHouse = exists && cloud.inHouse() && (cloud.gpus() == null || cloud.gpus() != 0);
        if (inHouse
                && from(cloud.capabilitiesSince(), asOfOrNull)
                && cloud.containerOrchestration()
                && cloud.scheduling()
                && cloud.enterpriseSupport()) {
            stageMask |= NEOCLOUD;
        }
        if (exists && cloud.gpus() != null && cloud.gpus() > 0) {
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
                upsideKnown ? upside : null,
                nonBindingEstablished > 0
                        && establishedBacklog + nonBindingEstablished
                                >= MASSIVE_ESTABLISHED_BACKLOG_USD);
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
        return d.status() == DealStatus.BINDING
                && d.valueUsd() >= MINIMUM_ORDER_USD
                && counts(d, asOf);
    }

    /** A fact dated {@code since} holds on {@code asOf} (every fact holds without a date). */
    static boolean from(LocalDate since, LocalDate asOf) {
        return asOf == null || since == null || !since.isAfter(asOf);
    }

    /**
     * What a deal adds to the established backlog as an order: all of it where its counterparty is
     * established; where only its guarantor is, the guaranteed part, or all of it where that is not
     * disclosed; else nothing.
     */
    static double established(Deal d) {
        if (isEstablished(d.counterpartyType())) {
            return d.valueUsd();
        }
        if (isEstablished(d.guarantorType())) {
            return d.guaranteedUsd() == null ? d.valueUsd() : d.guaranteedUsd();
        }
        return 0;
    }

    /** Names compared without case, punctuation and legal suffixes. */
    static boolean sameCounterparty(String a, String b) {
        return words(a).equals(words(b));
    }

    private static List<String> words(String name) {
        List<String> out = new ArrayList<>();
        for (String w :
                name.replace(".", "")
                        .toLowerCase(java.util.Locale.ROOT)
                        .split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        while (out.size() > 1 && LEGAL_SUFFIXES.contains(out.get(out.size() - 1))) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private static boolean seenBefore(List<Deal> deals, int index, String name, LocalDate asOf) {
        for (int j = 0; j < index; j++) {
            Deal e = deals.get(j);
            if (isCountedBinding(e, asOf) && sameCounterparty(e.counterparty(), name)) {
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
