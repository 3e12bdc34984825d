package dev.tiering.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tiering.engine.facts.Prose;
import dev.tiering.engine.facts.ScreenCandidate;
import dev.tiering.engine.facts.ScreenPick;
import dev.tiering.engine.facts.ScreenPick.Kind;
import dev.tiering.model.Deal;
import dev.tiering.model.GpuCloud;
import dev.tiering.model.OperatorProfile;
import dev.tiering.model.ProfileValidator;
import dev.tiering.model.Service;
import dev.tiering.model.Site;
import dev.tiering.model.SiteStatus;
import dev.tiering.model.Stage;
import dev.tiering.model.Tier;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The seed operators (src/main/resources/seed/operators.json) through the real rule files: they
 * must reproduce the research note's tier table and its picks (Dragon #1 IREN, Dragon #2 HUT, high
 * potential led by BTDR), stand as of the note, and carry a source beside every fact the note does
 * not state.
 */
@Execution(ExecutionMode.CONCURRENT)
class SeedDataRulesTest {
    private static final String SEED = "/seed/operators.json";

    /** The note is of May 2026: the seed stands as of its last day. */
    private static final LocalDate AS_OF_THE_NOTE = LocalDate.of(2026, 5, 31);

    /**
     * "Approximately USD 1.78 million": a colocation deal within this share of the colocation rate
     * is in its band.
     */
    private static final double COLOCATION_TOLERANCE = 0.2;

    /**
     * A date (2025-11-03, 2025-11) or a year in brackets ("(2024)") names when a source said it.
     */
    private static final Pattern DATED =
            Pattern.compile(
                    "\\b20\\d\\d-\\d\\d\\b|\\(20\\d\\d(-20\\d\\d)?\\)|\\b(the|The) note\\b");

    /**
     * One entry of the seed file: what the note says, the source beside each other fact, and the
     * API.md profile.
     */
    record SeedEntry(String note, Map<String, String> sources, OperatorProfile profile) {}

    private static List<SeedEntry> seed;
    private static Map<String, Outcome> outcomes;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = SeedDataRulesTest.class.getResourceAsStream(SEED)) {
            assertThat(in).as("classpath resource %s", SEED).isNotNull();
            seed = RulesFixture.JSON.readValue(in, new TypeReference<List<SeedEntry>>() {});
        }
        outcomes = new LinkedHashMap<>();
        for (SeedEntry e : seed) {
            outcomes.put(e.profile().ticker(), RulesFixture.classify(e.profile(), AS_OF_THE_NOTE));
        }
    }

    @Test
    void seeds_the_thirteen_operators_of_the_note_each_with_what_the_note_says() {
        assertThat(seed)
                .extracting(e -> e.profile().ticker())
                .containsExactly(
                        "IREN", "HUT", "APLD", "CIFR", "WULF", "GLXY", "CORZ", "RIOT", "BTDR",
                        "MARA", "CLSK", "BITF", "HIVE");
        assertThat(seed)
                .allSatisfy(
                        e -> {
                            assertThat(e.note()).isNotBlank();
                            assertThat(e.profile().sites()).hasSizeBetween(2, 5);
                            assertThat(e.profile().deals()).hasSizeLessThanOrEqualTo(4);
                        });
    }

    @Test
    void every_site_deal_cloud_and_mining_share_has_its_source_beside_it() {
        for (SeedEntry e : seed) {
            OperatorProfile p = e.profile();
            Set<String> facts = new LinkedHashSet<>();
            p.sites().forEach(s -> facts.add("site " + s.name()));
            p.deals().forEach(d -> facts.add("deal " + d.id()));
            if (p.gpuCloud() != null) {
                facts.add("gpuCloud");
            }
            if (p.miningRevenueShare() != null) {
                facts.add("miningRevenueShare");
            }
            assertThat(e.sources())
                    .as("sources of %s", p.ticker())
                    .containsKeys(facts.toArray(String[]::new));
            // a source for a site or deal the profile does not have is a leftover
            assertThat(e.sources().keySet())
                    .as("sources of %s", p.ticker())
                    .filteredOn(k -> k.startsWith("site ") || k.startsWith("deal "))
                    .allMatch(facts::contains);
            e.sources()
                    .forEach(
                            (fact, source) ->
                                    assertThat(source)
                                            .as("%s %s", p.ticker(), fact)
                                            .matches(
                                                    s -> DATED.matcher(s).find(),
                                                    "names the note or the date of its source"));
        }
    }

    @Test
    void stands_as_of_the_note_with_no_fact_dated_after_it() {
        for (SeedEntry e : seed) {
            for (Deal d : e.profile().deals()) {
                if (d.signed() == null) {
                    // an aggregate of the note's figures, not a deal anyone signed
                    assertThat(e.sources().get("deal " + d.id()))
                            .as(
                                    "%s %s: undated, so its source says why",
                                    e.profile().ticker(), d.id())
                            .contains("no signing date");
                } else {
                    assertThat(d.signed())
                            .as("%s %s signed", e.profile().ticker(), d.id())
                            .isBeforeOrEqualTo(AS_OF_THE_NOTE);
                }
                assertThat(d.ended()).as("%s %s ended", e.profile().ticker(), d.id()).isNull();
            }
            for (Site s : e.profile().sites()) {
                if (s.since() != null) {
                    assertThat(s.since()).isBeforeOrEqualTo(AS_OF_THE_NOTE);
                    assertThat(e.sources().get("site " + s.name()))
                            .as("%s %s: its date has its source", e.profile().ticker(), s.name())
                            .contains(s.since().toString());
                }
            }
            GpuCloud cloud = e.profile().gpuCloud();
            for (LocalDate date :
                    cloud == null
                            ? List.<LocalDate>of()
                            : java.util.stream.Stream.of(cloud.since(), cloud.capabilitiesSince())
                                    .filter(java.util.Objects::nonNull)
                                    .toList()) {
                assertThat(date).isBeforeOrEqualTo(AS_OF_THE_NOTE);
                assertThat(e.sources().get("gpuCloud"))
                        .as("%s GPU cloud: its date has its source", e.profile().ticker())
                        .contains(date.toString());
            }
        }
    }

    @Test
    void every_fact_its_source_calls_an_estimate_is_marked_as_one_and_no_other() {
        for (SeedEntry e : seed) {
            OperatorProfile p = e.profile();
            Map<String, String> pathOf = new LinkedHashMap<>();
            for (int i = 0; i < p.sites().size(); i++) {
                pathOf.put("site " + p.sites().get(i).name(), "sites[" + i + "]");
            }
            for (int i = 0; i < p.deals().size(); i++) {
                pathOf.put("deal " + p.deals().get(i).id(), "deals[" + i + "]");
            }
            pathOf.put("gpuCloud", "gpuCloud");
            pathOf.put("miningRevenueShare", "miningRevenueShare");
            Set<String> marked = new LinkedHashSet<>();
            e.sources()
                    .forEach(
                            (fact, source) -> {
                                String path = pathOf.get(fact);
                                if (path == null || !source.contains("Estimate")) {
                                    return;
                                }
                                marked.add(path);
                                assertThat(p.estimates())
                                        .as("%s: %s is an estimate", p.ticker(), fact)
                                        .anyMatch(
                                                est ->
                                                        est.equals(path)
                                                                || est.startsWith(path + ".")
                                                                || est.startsWith(path + "["));
                            });
            assertThat(p.estimates())
                    .as("%s: each estimate is one its source calls so", p.ticker())
                    .allMatch(
                            est ->
                                    marked.stream()
                                            .anyMatch(
                                                    m -> est.equals(m) || est.startsWith(m + ".")));
        }
        assertThat(seed).flatExtracting(e -> e.profile().estimates()).hasSizeGreaterThan(30);
    }

    @Test
    void the_facts_the_audit_questioned_are_modelled_or_their_omission_written_down() {
        Map<String, SeedEntry> byTicker = new LinkedHashMap<>();
        seed.forEach(e -> byTicker.put(e.profile().ticker(), e));
        // HIVE's 320 MW Toronto project is a site; its AI cloud contracts are not deals, and why
        assertThat(byTicker.get("HIVE").profile().sites())
                .anyMatch(s -> s.mw() == 320 && s.aiDedicated() && s.country().equals("CA"));
        assertThat(byTicker.get("HIVE").sources()).containsKey("omitted: AI cloud contracts");
        // no source says CleanSpark's or Bitfarms' AI sites await interconnection
        for (String t : List.of("CLSK", "BITF")) {
            assertThat(byTicker.get(t).profile().sites())
                    .as(t)
                    .noneMatch(s -> s.status() == SiteStatus.AWAITING_INTERCONNECTION);
        }
        // IREN's British Columbia sites at their source's 160 MW
        assertThat(byTicker.get("IREN").profile().sites())
                .filteredOn(s -> s.country().equals("CA"))
                .extracting(Site::mw)
                .containsExactly(160.0);
        // joint ventures counted at 100 %, and said so
        assertThat(byTicker.get("CIFR").sources()).containsKey("joint venture Colchis");
        assertThat(byTicker.get("WULF").sources()).containsKey("joint venture Abernathy");
        // the partial guarantees of WULF and CIFR, and HUT's undisclosed one
        assertThat(byTicker.get("WULF").profile().deals())
                .extracting(Deal::guaranteedUsd)
                .containsExactly(1.8e9, 1.4e9, 1.3e9);
        assertThat(byTicker.get("HUT").profile().deals().get(0).guaranteedUsd()).isNull();
    }

    @Test
    void iren_is_no_neocloud_before_its_control_plane_and_hut_shows_no_constructed_event() {
        Map<String, OperatorProfile> byTicker = new LinkedHashMap<>();
        seed.forEach(e -> byTicker.put(e.profile().ticker(), e.profile()));

        Outcome june2025 = RulesFixture.classify(byTicker.get("IREN"), LocalDate.of(2025, 6, 1));
        Outcome microsoft = RulesFixture.classify(byTicker.get("IREN"), LocalDate.of(2025, 11, 3));

        assertThat(june2025.tier()).isEqualTo(Tier.TIER_3);
        assertThat(june2025.stage()).isNull();
        assertThat(microsoft.stage()).isEqualTo(Stage.BARE_METAL);
        assertThat(Timelines.events(byTicker.get("IREN")))
                .containsKey(LocalDate.of(2026, 5, 5))
                .containsKey(LocalDate.of(2026, 5, 7));
        // HUT's remainder is an aggregate without a signing event
        assertThat(Timelines.events(byTicker.get("HUT")).values())
                .flatExtracting(events -> events)
                .noneMatch(event -> event.contains("triple-net-remainder"));
    }

    @Test
    void every_binding_deal_is_priced_within_its_services_band_or_its_source_explains_why_not() {
        RuleSet rules = RulesFixture.rules();
        double colocation = rules.threshold("colocationRateUsd").orElseThrow();
        double low = rules.threshold("bareMetalLowUsd").orElseThrow();
        double high = rules.threshold("bareMetalHighUsd").orElseThrow();
        List<String> outliers = new ArrayList<>();
        for (SeedEntry e : seed) {
            for (Deal d : e.profile().deals()) {
                Double density = Facts.density(d.valueUsd(), d.mw(), d.termYears());
                if (!d.binding() || density == null) {
                    continue;
                }
                boolean inBand =
                        d.service() == Service.COLOCATION
                                ? Math.abs(density / colocation - 1) <= COLOCATION_TOLERANCE
                                : density >= low && density <= high;
                if (!inBand) {
                    outliers.add(e.profile().ticker() + " " + d.id());
                    assertThat(e.sources().get("deal " + d.id()))
                            .as(
                                    "source of %s %s, priced %s",
                                    e.profile().ticker(), d.id(), Prose.density(density))
                            .contains("Density outlier: " + Prose.density(density));
                }
            }
        }
        // the note's table is mostly in its bands; these are the deals whose announced figures are
        // not
        assertThat(outliers)
                .containsExactlyInAnyOrder(
                        "IREN nvda-2026",
                        "CIFR aws-2025",
                        "WULF fluidstack-abernathy",
                        "GLXY crwv-helios",
                        "RIOT amd-rockdale");
    }

    @Test
    void a_term_not_disclosed_is_left_out_not_written_as_false() {
        assertThat(seed)
                .flatExtracting(e -> e.profile().deals())
                .allSatisfy(
                        d -> {
                            assertThat(d.takeOrPay())
                                    .as("%s takeOrPay", d.id())
                                    .isNotEqualTo(Boolean.FALSE);
                            assertThat(d.tripleNet())
                                    .as("%s tripleNet", d.id())
                                    .isNotEqualTo(Boolean.FALSE);
                        });
    }

    @Test
    void every_profile_passes_the_api_validation() {
        ProfileValidator validator = new ProfileValidator();
        for (SeedEntry e : seed) {
            assertThatCode(() -> validator.check(e.profile(), ""))
                    .as(e.profile().ticker())
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void tiers_match_the_note() {
        Map<String, Tier> tiers = new LinkedHashMap<>();
        outcomes.forEach((ticker, o) -> tiers.put(ticker, o.tier()));
        assertThat(tiers).containsExactlyEntriesOf(expectedTiers());
    }

    @Test
    void the_screen_ranks_more_candidates_than_one_classification_may_fire_rules() {
        // every one a high-potential pick: one firing per candidate, past the per-call limit
        List<ScreenCandidate> candidates = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            candidates.add(new ScreenCandidate("HP" + i, Tier.TIER_3, false, 0, 0, true, 500 + i));
        }
        List<ScreenPick> picks =
                new RuleEngine(100).screen(RulesFixture.rules(), candidates).picks();

        assertThat(picks).filteredOn(p -> p.kind() == Kind.HIGH_POTENTIAL).hasSize(300);
    }

    @Test
    void screen_picks_iren_hut_and_bitdeer_first() {
        List<ScreenCandidate> candidates = new ArrayList<>();
        for (SeedEntry e : seed) {
            Outcome o = outcomes.get(e.profile().ticker());
            candidates.add(
                    Facts.of(e.profile(), AS_OF_THE_NOTE, RulesFixture.rules())
                            .screenCandidate(o.tier(), o.fullStack()));
        }
        List<ScreenPick> picks =
                new RuleEngine(10_000).screen(RulesFixture.rules(), candidates).picks();

        assertThat(picks)
                .filteredOn(p -> p.kind() == Kind.FULL_STACK_LEADER)
                .extracting(ScreenPick::ticker)
                .containsExactly("IREN");
        assertThat(picks)
                .filteredOn(p -> p.kind() == Kind.CONTRACT_QUALITY_LEADER)
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.ticker()).isEqualTo("HUT");
                            assertThat(p.rankedBy())
                                    .isEqualTo(9_800_000_000d); // the note's USD 9.8 B book
                        });
        List<String> highPotential =
                picks.stream()
                        .filter(p -> p.kind() == Kind.HIGH_POTENTIAL)
                        .sorted(Comparator.comparingDouble(ScreenPick::rankedBy).reversed())
                        .map(ScreenPick::ticker)
                        .toList();
        assertThat(highPotential).first().isEqualTo("BTDR");
        assertThat(highPotential).doesNotContain("IREN", "HUT", "APLD", "CIFR", "WULF");
    }

    @Test
    void hut_book_is_priced_above_the_notes_density() {
        OperatorProfile hut =
                seed.stream()
                        .map(SeedEntry::profile)
                        .filter(p -> p.ticker().equals("HUT"))
                        .findFirst()
                        .orElseThrow();
        Double density =
                Facts.of(hut, null, RulesFixture.rules()).operator().getDensityUsdPerMwYear();
        assertThat(density).isGreaterThan(1_850_000d);
    }

    private static Map<String, Tier> expectedTiers() {
        Map<String, Tier> m = new LinkedHashMap<>();
        for (String t : List.of("IREN", "HUT", "APLD", "CIFR", "WULF")) {
            m.put(t, Tier.TIER_1);
        }
        for (String t : List.of("GLXY", "CORZ", "RIOT")) {
            m.put(t, Tier.TIER_2);
        }
        for (String t : List.of("BTDR", "MARA", "CLSK", "BITF", "HIVE")) {
            m.put(t, Tier.TIER_3);
        }
        return m;
    }
}
