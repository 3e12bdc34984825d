package dev.tiering.engine;

import dev.tiering.engine.facts.DealFact;
import dev.tiering.engine.facts.OperatorFact;
import dev.tiering.engine.facts.ScreenCandidate;
import dev.tiering.engine.facts.SiteFact;
import dev.tiering.model.Deal;
import dev.tiering.model.GpuCloud;
import dev.tiering.model.OperatorProfile;
import dev.tiering.model.Site;
import dev.tiering.model.Tier;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one place a profile becomes facts: the deals that count on a date, and the derived figures of
 * MODEL.md (density, binding and established backlog, North-American AI MW, largest counterparty
 * share). Arithmetic lives here, with MODEL.md's definitions (which customers are established,
 * which countries North-American); every decision on these figures lives in the rule files.
 */
public record Facts(OperatorFact operator, List<DealFact> deals, List<SiteFact> sites) {

    /** Countries whose AI-dedicated sites count as North-American power. */
    public static final Set<String> NORTH_AMERICA = Set.of("US", "CA", "MX");

    /**
     * The facts of a profile as of a date: only deals signed by then (or undated) and not ended by
     * then.
     */
    public static Facts of(OperatorProfile profile, LocalDate asOf) {
        List<DealFact> deals = new ArrayList<>(profile.deals().size());
        double backlog = 0;
        double established = 0;
        double bindingMwYears = 0;
        double bindingValueWithSize = 0;
        int bindingDeals = 0;
        Map<String, Double> byCounterparty = new HashMap<>();
        Map<String, String> displayName = new HashMap<>();
        for (Deal d : profile.deals()) {
            if (asOf != null && !d.activeOn(asOf)) {
                continue;
            }
            Double density = density(d.valueUsd(), d.mw(), d.termYears());
            DealFact fact =
                    new DealFact(
                            d.id(),
                            d.counterparty(),
                            d.counterpartyType(),
                            d.guarantor(),
                            d.guarantorType(),
                            d.service(),
                            d.status(),
                            d.valueUsd(),
                            d.termYears(),
                            d.mw(),
                            density,
                            d.takeOrPay(),
                            d.tripleNet());
            deals.add(fact);
            if (d.binding()) {
                bindingDeals++;
                backlog += d.valueUsd();
                if (fact.isEstablishedCustomer()) {
                    established += d.valueUsd();
                }
                String key = d.counterparty().trim().toLowerCase(Locale.ROOT);
                byCounterparty.merge(key, d.valueUsd(), Double::sum);
                displayName.putIfAbsent(key, d.counterparty().trim());
                if (density != null) {
                    bindingMwYears += d.mw() * d.termYears();
                    bindingValueWithSize += d.valueUsd();
                }
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
        double naAiMw = 0;
        int aiSites = 0;
        for (Site s : profile.sites()) {
            sites.add(new SiteFact(s.name(), s.country(), s.mw(), s.aiDedicated(), s.status()));
            if (s.aiDedicated()) {
                aiSites++;
                if (NORTH_AMERICA.contains(s.country())) {
                    naAiMw += s.mw();
                }
            }
        }
        GpuCloud cloud = profile.gpuCloud();
        OperatorFact operator =
                new OperatorFact(
                        profile.ticker(),
                        backlog,
                        established,
                        bindingDeals,
                        naAiMw,
                        aiSites,
                        largest == null ? null : displayName.get(largest),
                        share,
                        bindingMwYears > 0 ? bindingValueWithSize / bindingMwYears : null,
                        cloud != null && cloud.inHouse(),
                        cloud != null && cloud.containerOrchestration(),
                        cloud != null && cloud.scheduling(),
                        cloud != null && cloud.enterpriseSupport(),
                        cloud == null ? null : cloud.gpus(),
                        profile.miningRevenueShare());
        return new Facts(operator, deals, sites);
    }

    /**
     * This operator as the screen rules see it, with its tier and full-stack flag (stored, or just
     * decided): the figures the picks rank by, among them the binding value that is both
     * take-or-pay and triple-net (a term not disclosed does not count).
     */
    public ScreenCandidate screenCandidate(Tier tier, boolean fullStack) {
        double quality = 0;
        for (DealFact d : deals) {
            if (d.isBinding() && d.isTakeOrPayTripleNet()) {
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
