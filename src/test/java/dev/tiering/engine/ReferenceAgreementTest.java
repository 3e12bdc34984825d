package dev.tiering.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiering.engine.facts.OperatorFact;
import dev.tiering.model.CounterpartyType;
import dev.tiering.model.Deal;
import dev.tiering.model.DealStatus;
import dev.tiering.model.FieldError;
import dev.tiering.model.GpuCloud;
import dev.tiering.model.OperatorProfile;
import dev.tiering.model.ProfileLimits;
import dev.tiering.model.ProfileValidator;
import dev.tiering.model.RiskCode;
import dev.tiering.model.Service;
import dev.tiering.model.Site;
import dev.tiering.model.SiteStatus;
import dev.tiering.model.Tier;
import dev.tiering.reference.ReferenceModel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Property test: on thousands of random profiles, the rule engine over the real rules folder and
 * the plain-Java {@link ReferenceModel} of MODEL.md agree on tier, stages, full stack, risks, what
 * the gaps move toward and the conversion upside, and {@code Facts} agrees with the reference on
 * the derived figures. Each profile has its own seed ({@code BASE_SEED + i}), printed on a mismatch
 * together with the profile, so any failure replays with {@code profile(new Random(seed))}.
 */
@Execution(ExecutionMode.CONCURRENT)
class ReferenceAgreementTest {
    private static final long BASE_SEED = 20_260_501L;
    private static final int PROFILES = 3000;
    private static final double RELATIVE = 1e-6;

    private static final String[] COUNTRIES = {"US", "CA", "MX", "NO", "PY", "ET"};
    private static final double[] SITE_MW = {0.1, 1, 25, 50, 100, 200.5, 750};
    // Same names in different case, punctuation and legal suffix on purpose: concentration must
    // merge them.
    private static final String[] COUNTERPARTIES = {
        "Microsoft",
        "MICROSOFT",
        "Microsoft Corp.",
        "Google",
        "CoreWeave",
        "CoreWeave, Inc.",
        "Fluidstack",
        "Fluidstack Ltd",
        "NVIDIA",
        "OpenAI",
        "Acme"
    };
    private static final String[] GUARANTORS = {"Google", "Microsoft", "NVIDIA", "CoreWeave"};
    // Sums of these hit USD 1 B exactly (1e9; 6e8 + 4e8; 5e8 + 5e8; 2.5e8 x 4 ...) and 999,999,999
    // + 1; with the sizes below, densities hit 5,000,000 exactly (1e9 / (100 x 2), 1e8 / (20 x 1),
    // 2.5e8 / (50 x 1) ...); 1 and 9,999,999 are below the minimum order, 10,000,000 is at it.
    private static final double[] VALUES = {
        1, 9_999_999, 1e7, 1e8, 2.5e8, 4e8, 5e8, 6e8, 999_999_999, 1e9, 1.78e9, 2e9, 3.7e9, 9.7e9
    };
    private static final double[] DEAL_MW = {10, 20, 50, 100, 200};
    private static final double[] TERMS = {1, 2, 5, 15};
    private static final double[] MINING = {0, 0.1, 0.49, 0.499999, 0.5, 0.51, 0.9, 1};
    private static final LocalDate[] DATES = {
        LocalDate.of(2024, 1, 1),
        LocalDate.of(2025, 6, 30),
        LocalDate.of(2025, 11, 3),
        LocalDate.of(2026, 5, 1)
    };
    // The plausible density band of the validator's defaults: generated deals stay within it.
    private static final double MIN_DENSITY = 10_000;
    private static final double MAX_DENSITY = 1_000_000_000;

    @Test
    void engine_and_reference_model_agree_on_random_profiles() {
        List<String> mismatches = new ArrayList<>();
        Map<Tier, Integer> tiers = new EnumMap<>(Tier.class);
        Map<RiskCode, Integer> risks = new EnumMap<>(RiskCode.class);
        int fullStacks = 0;
        for (int i = 0; i < PROFILES; i++) {
            long seed = BASE_SEED + i;
            Random random = new Random(seed);
            OperatorProfile profile = profile(random);
            LocalDate asOf = random.nextInt(3) == 0 ? DATES[random.nextInt(DATES.length)] : null;

            Outcome engine =
                    asOf == null
                            ? RulesFixture.classify(profile)
                            : RulesFixture.classify(profile, asOf);
            ReferenceModel.Result reference = ReferenceModel.classify(profile, asOf);

            List<String> diffs = compare(engine, reference);
            List<String> towards =
                    engine.gaps().stream().map(dev.tiering.model.Gap::toward).toList();
            if (!towards.equals(reference.gapsToward())) {
                diffs.add("gaps toward " + towards + " vs " + reference.gapsToward());
            }
            if (engine.conversionUpsideUsdPerYear() == null
                    || reference.conversionUpsideUsdPerYear() == null) {
                if (engine.conversionUpsideUsdPerYear() != reference.conversionUpsideUsdPerYear()) {
                    diffs.add(
                            "conversionUpsideUsdPerYear "
                                    + engine.conversionUpsideUsdPerYear()
                                    + " vs "
                                    + reference.conversionUpsideUsdPerYear());
                }
            } else {
                close(
                        "conversionUpsideUsdPerYear",
                        engine.conversionUpsideUsdPerYear(),
                        reference.conversionUpsideUsdPerYear(),
                        diffs);
            }
            diffs.addAll(
                    compareMetrics(
                            Facts.of(profile, asOf, RulesFixture.rules()).operator(), reference));
            if (!diffs.isEmpty() && mismatches.size() < 10) {
                mismatches.add(
                        "seed "
                                + seed
                                + (asOf == null ? "" : ", asOf " + asOf)
                                + ": "
                                + diffs
                                + "\n  profile: "
                                + profile
                                + "\n  reasons: "
                                + engine.reasons());
            } else if (!diffs.isEmpty()) {
                mismatches.add("seed " + seed + ": " + diffs);
            }
            tiers.merge(reference.tier(), 1, Integer::sum);
            reference.risks().forEach(r -> risks.merge(r, 1, Integer::sum));
            fullStacks += reference.fullStack() ? 1 : 0;
        }

        assertThat(mismatches)
                .as("engine vs reference mismatches (of %d profiles)", PROFILES)
                .isEmpty();
        // The generator must actually reach every outcome, or agreement proves little.
        assertThat(tiers.keySet()).as("tiers reached").containsExactlyInAnyOrder(Tier.values());
        assertThat(risks.keySet()).as("risks reached").containsExactlyInAnyOrder(RiskCode.values());
        assertThat(fullStacks).as("full-stack profiles").isPositive();
    }

    @Test
    void every_generated_profile_is_one_the_service_accepts() {
        ProfileValidator validator = new ProfileValidator(ProfileLimits.DEFAULTS);
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < PROFILES; i++) {
            List<FieldError> errors = validator.errors(profile(new Random(BASE_SEED + i)), "");
            if (!errors.isEmpty() && refused.size() < 10) {
                refused.add("seed " + (BASE_SEED + i) + ": " + errors);
            }
        }
        assertThat(refused).isEmpty();
    }

    @Test
    void the_generator_hits_the_exact_cuts_of_the_model() {
        int backlogAtCut = 0;
        int establishedBesideMore = 0;
        int densityAtCut = 0;
        int shareAtCut = 0;
        int miningAtCut = 0;
        int zeroNorthAmericaAiMw = 0;
        int atMinimumOrder = 0;
        int partlyGuaranteed = 0;
        int upsideUnknown = 0;
        int nonBindingToTierOne = 0;
        int emptyClouds = 0;
        int datedSitesAndClouds = 0;
        int suffixedNames = 0;
        for (int i = 0; i < PROFILES; i++) {
            OperatorProfile profile = profile(new Random(BASE_SEED + i));
            ReferenceModel.Result r = ReferenceModel.classify(profile, null);
            upsideUnknown += r.conversionUpsideUsdPerYear() == null ? 1 : 0;
            nonBindingToTierOne +=
                    r.nonBindingToTierOne() && r.tier() != Tier.TIER_1 && r.tier() != Tier.TIER_2
                            ? 1
                            : 0;
            GpuCloud cloud = profile.gpuCloud();
            emptyClouds +=
                    cloud != null && cloud.inHouse() && Objects.equals(cloud.gpus(), 0L) ? 1 : 0;
            datedSitesAndClouds +=
                    profile.sites().stream().anyMatch(s -> s.since() != null)
                                    || (cloud != null && cloud.capabilitiesSince() != null)
                            ? 1
                            : 0;
            for (Deal d : profile.deals()) {
                atMinimumOrder += d.valueUsd() == ReferenceModel.MINIMUM_ORDER_USD ? 1 : 0;
                partlyGuaranteed +=
                        d.guaranteedUsd() != null && d.guaranteedUsd() < d.valueUsd() ? 1 : 0;
                suffixedNames +=
                        d.counterparty().contains(",") || d.counterparty().endsWith(".") ? 1 : 0;
            }
            backlogAtCut +=
                    r.establishedBacklogUsd() == ReferenceModel.MASSIVE_ESTABLISHED_BACKLOG_USD
                            ? 1
                            : 0;
            establishedBesideMore +=
                    r.establishedBacklogUsd() > 0
                                    && r.establishedBacklogUsd()
                                            < ReferenceModel.MASSIVE_ESTABLISHED_BACKLOG_USD
                                    && r.bindingBacklogUsd()
                                            >= ReferenceModel.MASSIVE_ESTABLISHED_BACKLOG_USD
                            ? 1
                            : 0;
            shareAtCut +=
                    r.largestCounterpartyShare() == ReferenceModel.CONCENTRATION_SHARE ? 1 : 0;
            miningAtCut +=
                    Objects.equals(
                                    profile.miningRevenueShare(),
                                    ReferenceModel.CRYPTO_REVENUE_SHARE)
                            ? 1
                            : 0;
            zeroNorthAmericaAiMw += r.northAmericaAiMw() == 0 && r.bindingDeals() == 0 ? 1 : 0;
            for (Deal d : profile.deals()) {
                if (d.service() == null
                        && d.mw() != null
                        && d.termYears() != null
                        && d.valueUsd() / (d.mw() * d.termYears())
                                == ReferenceModel.BARE_METAL_DENSITY_USD) {
                    densityAtCut++;
                }
            }
        }
        assertThat(backlogAtCut)
                .as("profiles with an established backlog of exactly USD 1 B")
                .isGreaterThan(10);
        assertThat(establishedBesideMore)
                .as(
                        "profiles with some established orders below USD 1 B and a binding backlog"
                                + " of USD 1 B or more")
                .isGreaterThan(10);
        assertThat(densityAtCut)
                .as("deals without service at exactly USD 5 M/MW/yr")
                .isGreaterThan(10);
        assertThat(shareAtCut)
                .as("profiles whose largest counterparty holds exactly 50%")
                .isGreaterThan(10);
        assertThat(miningAtCut).as("profiles with exactly 50% mining revenue").isGreaterThan(10);
        assertThat(zeroNorthAmericaAiMw)
                .as("profiles with no binding deal and 0 North-American AI MW")
                .isGreaterThan(10);
        assertThat(atMinimumOrder).as("deals of exactly the minimum order").isGreaterThan(10);
        assertThat(partlyGuaranteed).as("deals guaranteed in part").isGreaterThan(10);
        assertThat(upsideUnknown).as("profiles whose upside is not known").isGreaterThan(10);
        assertThat(nonBindingToTierOne)
                .as("profiles below Tier 2 that a non-binding deal would bring to Tier 1")
                .isGreaterThan(10);
        assertThat(emptyClouds).as("in-house clouds that state 0 GPUs").isGreaterThan(10);
        assertThat(datedSitesAndClouds)
                .as("profiles with dated sites or cloud capabilities")
                .isGreaterThan(10);
        assertThat(suffixedNames).as("counterparties named with a legal suffix").isGreaterThan(10);
    }

    private static List<String> compare(Outcome engine, ReferenceModel.Result reference) {
        List<String> diffs = new ArrayList<>();
        if (engine.tier() != reference.tier()) {
            diffs.add("tier " + engine.tier() + " vs " + reference.tier());
        }
        if (engine.stage() != reference.stage()) {
            diffs.add("stage " + engine.stage() + " vs " + reference.stage());
        }
        if (!engine.stages().equals(reference.stages())) {
            diffs.add("stages " + engine.stages() + " vs " + reference.stages());
        }
        if (engine.fullStack() != reference.fullStack()) {
            diffs.add("fullStack " + engine.fullStack() + " vs " + reference.fullStack());
        }
        Set<RiskCode> engineRisks =
                engine.risks().isEmpty()
                        ? EnumSet.noneOf(RiskCode.class)
                        : EnumSet.copyOf(engine.risks().keySet());
        if (!engineRisks.equals(reference.risks())) {
            diffs.add("risks " + engineRisks + " vs " + reference.risks());
        }
        return diffs;
    }

    private static List<String> compareMetrics(
            OperatorFact facts, ReferenceModel.Result reference) {
        List<String> diffs = new ArrayList<>();
        close(
                "bindingBacklogUsd",
                facts.getBindingBacklogUsd(),
                reference.bindingBacklogUsd(),
                diffs);
        close(
                "establishedBacklogUsd",
                facts.getEstablishedBacklogUsd(),
                reference.establishedBacklogUsd(),
                diffs);
        close("northAmericaAiMw", facts.getNorthAmericaAiMw(), reference.northAmericaAiMw(), diffs);
        close(
                "largestCounterpartyShare",
                facts.getLargestCounterpartyShare(),
                reference.largestCounterpartyShare(),
                diffs);
        if (facts.getBindingDeals() != reference.bindingDeals()) {
            diffs.add(
                    "bindingDeals " + facts.getBindingDeals() + " vs " + reference.bindingDeals());
        }
        Double a = facts.getDensityUsdPerMwYear();
        Double b = reference.densityUsdPerMwYear();
        if (a == null || b == null) {
            if (a != b) {
                diffs.add("densityUsdPerMwYear " + a + " vs " + b);
            }
        } else {
            close("densityUsdPerMwYear", a, b, diffs);
        }
        return diffs;
    }

    private static void close(String name, double engine, double reference, List<String> diffs) {
        double scale = Math.max(Math.abs(engine), Math.abs(reference));
        if (Math.abs(engine - reference) > RELATIVE * scale) {
            diffs.add(name + " " + engine + " vs " + reference);
        }
    }

    /** A random profile; every choice comes from {@code random}, so a seed replays it. */
    static OperatorProfile profile(Random random) {
        List<Site> sites = new ArrayList<>();
        for (int i = 0, n = random.nextInt(5); i < n; i++) {
            SiteStatus status = random.nextInt(10) == 0 ? null : pick(random, SiteStatus.values());
            sites.add(
                    new Site(
                            "site-" + i,
                            pick(random, COUNTRIES),
                            SITE_MW[random.nextInt(SITE_MW.length)],
                            random.nextBoolean(),
                            status,
                            date(random)));
        }
        GpuCloud cloud = null;
        if (random.nextInt(3) > 0) {
            Long gpus =
                    switch (random.nextInt(4)) {
                        case 0 -> null;
                        case 1 -> 0L;
                        default -> 1L + random.nextInt(20_000);
                    };
            LocalDate since = date(random);
            LocalDate capabilitiesSince = date(random);
            if (since != null && capabilitiesSince != null && capabilitiesSince.isBefore(since)) {
                capabilitiesSince = since;
            }
            cloud =
                    new GpuCloud(
                            random.nextBoolean(),
                            gpus,
                            random.nextInt(3) > 0,
                            random.nextInt(3) > 0,
                            random.nextInt(3) > 0,
                            since,
                            capabilitiesSince);
        }
        Double mining =
                switch (random.nextInt(4)) {
                    case 0 -> null;
                    case 1 -> random.nextDouble();
                    default -> MINING[random.nextInt(MINING.length)];
                };
        List<Deal> deals = new ArrayList<>();
        for (int i = 0, n = random.nextInt(6); i < n; i++) {
            deals.add(deal(random, "d-" + i));
        }
        OperatorProfile plain =
                new OperatorProfile("T" + random.nextInt(1000), null, sites, cloud, mining, deals);
        return new OperatorProfile(
                plain.ticker(), null, sites, cloud, mining, deals, estimates(random, plain));
    }

    /** Half of the time no date (every date counts), else a day around one of the as-of dates. */
    private static LocalDate date(Random random) {
        return random.nextBoolean()
                ? null
                : DATES[random.nextInt(DATES.length)].plusDays(random.nextInt(3) - 1);
    }

    /** Some of the facts the profile gives, marked as estimates (a third of the profiles). */
    private static List<String> estimates(Random random, OperatorProfile p) {
        List<String> out = new ArrayList<>();
        if (random.nextInt(3) > 0) {
            return out;
        }
        if (p.miningRevenueShare() != null && random.nextBoolean()) {
            out.add("miningRevenueShare");
        }
        if (p.gpuCloud() != null && p.gpuCloud().gpus() != null && random.nextBoolean()) {
            out.add("gpuCloud.gpus");
        }
        for (int i = 0; i < p.sites().size(); i++) {
            if (random.nextInt(3) == 0) {
                out.add("sites[" + i + "].mw");
            }
        }
        for (int i = 0; i < p.deals().size(); i++) {
            Deal d = p.deals().get(i);
            switch (random.nextInt(5)) {
                case 0 -> out.add("deals[" + i + "].valueUsd");
                case 1 -> out.add("deals[" + i + "]");
                case 2 -> {
                    if (d.guaranteedUsd() != null) {
                        out.add("deals[" + i + "].guaranteedUsd");
                    }
                }
                default -> {}
            }
        }
        return out;
    }

    private static Deal deal(Random random, String id) {
        String guarantor = null;
        CounterpartyType guarantorType = null;
        if (random.nextInt(4) == 0) {
            guarantor = pick(random, GUARANTORS);
            guarantorType = pick(random, CounterpartyType.values());
        }
        Service service = random.nextInt(5) < 2 ? null : pick(random, Service.values());
        DealStatus status = random.nextInt(4) == 0 ? DealStatus.NON_BINDING : DealStatus.BINDING;
        Double term = random.nextInt(4) == 0 ? null : TERMS[random.nextInt(TERMS.length)];
        Double mw = random.nextInt(4) == 0 ? null : DEAL_MW[random.nextInt(DEAL_MW.length)];
        double value = VALUES[random.nextInt(VALUES.length)];
        if (term != null && mw != null) {
            double density = value / (mw * term);
            if (density < MIN_DENSITY || density > MAX_DENSITY) {
                term = null; // a valid profile: no density outside the plausible band
            }
        }
        Double guaranteed = null;
        if (guarantor != null && random.nextBoolean()) {
            guaranteed = Math.min(value, random.nextBoolean() ? 5e8 : value / 2);
        }
        LocalDate signed =
                random.nextBoolean()
                        ? null
                        : DATES[random.nextInt(DATES.length)].plusDays(random.nextInt(3) - 1);
        LocalDate ended = null;
        if (random.nextInt(4) == 0) {
            // often a day around an as-of date, so that "ended on the as-of date" (no longer
            // counts) is hit
            LocalDate from = signed == null ? DATES[0] : signed;
            ended =
                    random.nextBoolean()
                            ? DATES[random.nextInt(DATES.length)].plusDays(random.nextInt(3) - 1)
                            : from.plusDays(random.nextInt(900));
            if (ended.isBefore(from)) {
                ended = from; // a deal cannot end before it was signed
            }
        }
        return new Deal(
                id,
                pick(random, COUNTERPARTIES),
                pick(random, CounterpartyType.values()),
                guarantor,
                guarantorType,
                guaranteed,
                service,
                status,
                value,
                term,
                mw,
                null,
                term(random),
                term(random),
                signed,
                ended);
    }

    /** Take-or-pay or triple-net: yes, no, or not disclosed. */
    private static Boolean term(Random random) {
        int i = random.nextInt(3);
        return i == 0 ? null : i == 1;
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
