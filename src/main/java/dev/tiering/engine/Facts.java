package dev.tiering.engine;

import dev.tiering.engine.facts.DealFact;
import dev.tiering.engine.facts.DealOffDate;
import dev.tiering.engine.facts.OperatorFact;
import dev.tiering.engine.facts.ScreenCandidate;
import dev.tiering.engine.facts.SiteFact;
import dev.tiering.model.Counterparties;
import dev.tiering.model.Deal;
import dev.tiering.model.GpuCloud;
import dev.tiering.model.OperatorProfile;
import dev.tiering.model.Site;
import dev.tiering.model.Tier;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one place a profile becomes facts: what counts on a date (deals signed and not ended, sites
 * and the GPU cloud from their dates), and the derived figures of MODEL.md (density, binding and
 * established backlog, North-American AI MW, largest counterparty share). Arithmetic lives here,
 * with MODEL.md's definitions (which customers are established, which countries North-American,
 * which counterparties are one); every decision on these figures lives in the rule files, and the
 * one threshold the figures need, the minimum order, is read from them ({@link #MINIMUM_ORDER}).
 *
 * @param offDate the deals of the profile that do not count on the date, and why
 */
public record Facts(
        OperatorFact operator,
        List<DealFact> deals,
        List<SiteFact> sites,
        List<DealOffDate> offDate) {

    /** Countries whose AI-dedicated sites count as North-American power. */
    public static final Set<String> NORTH_AMERICA = Set.of("US", "CA", "MX");

    /**
     * The threshold (a function of tiers.drl) from which a binding deal counts as an order; a rule
     * set without it counts every binding deal.
     */
    public static final String MINIMUM_ORDER = "minimumOrderUsd";

    /** The facts of a profile as of a date (null: every fact counts), under a rule set. */
    public static Facts of(OperatorProfile profile, LocalDate asOf, RuleSet rules) {
        return of(profile, asOf, minimumOrder(rules));
    }

    /**
     * The facts of a profile as of a date with no minimum order: every binding deal counts. For
     * callers that measure the engine rather than answer for an operator; an answer takes its rule
     * set's minimum order ({@link #of(OperatorProfile, LocalDate, RuleSet)}).
     */
    public static Facts of(OperatorProfile profile, LocalDate asOf) {
        return of(profile, asOf, 0);
    }

    /** The minimum order of a rule set: its {@link #MINIMUM_ORDER}, or 0 without one. */
    public static double minimumOrder(RuleSet rules) {
        return rules.threshold(MINIMUM_ORDER).orElse(0);
    }

    /**
     * The facts of a profile as of a date: deals signed by then (or undated) and not ended by then,
     * sites from their {@code since}, the GPU cloud from its {@code since} and its capabilities
     * from {@code capabilitiesSince}. A null date counts every fact.
     */
    public static Facts of(OperatorProfile profile, LocalDate asOf, double minimumOrderUsd) {
        List<DealFact> deals = new ArrayList<>(profile.deals().size());
        List<DealOffDate> offDate = new ArrayList<>(0);
        double backlog = 0;
        double established = 0;
        double bindingMwYears = 0;
        double bindingValueWithSize = 0;
        int bindingDeals = 0;
        boolean backlogEstimate = false;
        boolean establishedEstimate = false;
        Map<String, Double> byCounterparty = new HashMap<>();
        Map<String, String> displayName = new HashMap<>();
        for (int i = 0; i < profile.deals().size(); i++) {
            Deal d = profile.deals().get(i);
            DealFact fact = deal(profile, i, minimumOrderUsd);
            if (asOf != null && !d.activeOn(asOf)) {
                boolean future = d.signed() != null && d.signed().isAfter(asOf);
                offDate.add(new DealOffDate(fact, future ? d.signed() : d.ended(), future, asOf));
                continue;
            }
            deals.add(fact);
            if (!fact.isOrder()) {
                continue;
            }
            bindingDeals++;
            backlog += d.valueUsd();
            backlogEstimate |= fact.estimates().value();
            if (fact.isEstablishedCustomer()) {
                established += fact.getEstablishedUsd();
                establishedEstimate |= fact.establishedPart().estimate();
            }
            String key = Counterparties.key(d.counterparty());
            byCounterparty.merge(key, d.valueUsd(), Double::sum);
            displayName.putIfAbsent(key, d.counterparty().trim());
            if (fact.getDensity() != null) {
                bindingMwYears += d.mw() * d.termYears();
                bindingValueWithSize += d.valueUsd();
            }
        }
        String largest = null;
        double largestValue = 0;
        for (Map.Entry<String, Double> e : byCounterparty.entrySet()) {
            if (largest == null
                    || e.getValue() > largestValue
                    || (e.getValue() == largestValue && e.getKey().compareTo(largest) < 0)) {
                largest = e.getKey();
                largestValue = e.getValue();
            }
        }
        double share = backlog > 0 ? largestValue / backlog : 0;

        List<SiteFact> sites = new ArrayList<>(profile.sites().size());
        // decimal sums: 7.2 MW and 0.1 MW are 7.3 MW, as an analyst adds them
        BigDecimal naAiMw = BigDecimal.ZERO;
        boolean naAiMwEstimate = false;
        int aiSites = 0;
        for (int i = 0; i < profile.sites().size(); i++) {
            Site s = profile.sites().get(i);
            if (!s.countsOn(asOf)) {
                continue;
            }
            boolean mwEstimate = profile.isEstimate("sites[" + i + "].mw");
            sites.add(
                    new SiteFact(
                            s.name(),
                            s.country(),
                            s.mw(),
                            s.aiDedicated(),
                            s.status(),
                            mwEstimate));
            if (s.aiDedicated()) {
                aiSites++;
                if (NORTH_AMERICA.contains(s.country())) {
                    naAiMw = naAiMw.add(BigDecimal.valueOf(s.mw()));
                    naAiMwEstimate |= mwEstimate;
                }
            }
        }
        GpuCloud cloud = profile.gpuCloud();
        OperatorFact.Cloud onDate = cloud(cloud, asOf);
        OperatorFact operator =
                new OperatorFact(
                        profile.ticker(),
                        new OperatorFact.Figures(
                                backlog,
                                established,
                                bindingDeals,
                                naAiMw.doubleValue(),
                                aiSites,
                                largest == null ? null : displayName.get(largest),
                                share,
                                bindingMwYears > 0 ? bindingValueWithSize / bindingMwYears : null),
                        onDate,
                        profile.miningRevenueShare(),
                        new OperatorFact.Estimates(
                                backlogEstimate,
                                establishedEstimate,
                                naAiMwEstimate,
                                onDate.gpus() != null && profile.isEstimate("gpuCloud.gpus"),
                                profile.isEstimate("miningRevenueShare")));
        return new Facts(operator, deals, sites, offDate);
    }

    /** The deal at {@code index} of the profile, with the estimates the profile marks on it. */
    private static DealFact deal(OperatorProfile profile, int index, double minimumOrderUsd) {
        Deal d = profile.deals().get(index);
        String at = "deals[" + index + "].";
        return new DealFact(
                d.id(),
                d.counterparty(),
                d.counterpartyType(),
                d.guarantor(),
                d.guarantorType(),
                d.guaranteedUsd(),
                d.service(),
                d.status(),
                d.valueUsd(),
                d.termYears(),
                d.mw(),
                density(d.valueUsd(), d.mw(), d.termYears()),
                d.takeOrPay(),
                d.tripleNet(),
                minimumOrderUsd,
                profile.estimates().isEmpty()
                        ? DealFact.Estimates.NONE
                        : new DealFact.Estimates(
                                profile.isEstimate(at + "valueUsd"),
                                profile.isEstimate(at + "mw"),
                                profile.isEstimate(at + "termYears"),
                                profile.isEstimate(at + "guaranteedUsd")));
    }

    /**
     * The GPU cloud on a date: none before its {@code since}; capabilities false before {@code
     * capabilitiesSince}; a cloud that states 0 GPUs is empty, and counts as none.
     */
    private static OperatorFact.Cloud cloud(GpuCloud cloud, LocalDate asOf) {
        if (cloud == null || !cloud.existsOn(asOf)) {
            return OperatorFact.Cloud.NONE;
        }
        boolean capable = cloud.capabilitiesOn(asOf);
        boolean empty = cloud.inHouse() && cloud.gpus() != null && cloud.gpus() == 0;
        return new OperatorFact.Cloud(
                cloud.inHouse() && !empty,
                empty,
                capable && cloud.containerOrchestration(),
                capable && cloud.scheduling(),
                capable && cloud.enterpriseSupport(),
                cloud.gpus());
    }

    /**
     * This operator as the screen rules see it, with its tier and full-stack flag (stored, or just
     * decided): the figures the picks rank by, among them the value of the orders that are both
     * take-or-pay and triple-net (a term not disclosed does not count).
     */
    public ScreenCandidate screenCandidate(Tier tier, boolean fullStack) {
        double quality = 0;
        for (DealFact d : deals) {
            if (d.isOrder() && d.isTakeOrPayTripleNet()) {
                quality += d.getValueUsd();
            }
        }
        return new ScreenCandidate(
                operator.getTicker(),
                tier,
                fullStack,
                operator.getBindingBacklogUsd(),
                quality,
                operator.isInHouseCloud(),
                operator.getNorthAmericaAiMw());
    }

    /** valueUsd / (mw × termYears), or null where either is unknown. */
    static Double density(Double valueUsd, Double mw, Double termYears) {
        if (valueUsd == null || mw == null || termYears == null || mw <= 0 || termYears <= 0) {
            return null;
        }
        return valueUsd / (mw * termYears);
    }
}
