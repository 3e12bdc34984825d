package dev.tiering.engine;

import static dev.tiering.engine.Profiles.binding;
import static dev.tiering.engine.Profiles.nonBinding;
import static dev.tiering.engine.Profiles.operator;
import static dev.tiering.model.CounterpartyType.CHIPMAKER;
import static dev.tiering.model.CounterpartyType.ENTERPRISE;
import static dev.tiering.model.CounterpartyType.HYPERSCALER;
import static dev.tiering.model.CounterpartyType.NEOCLOUD;
import static dev.tiering.model.CounterpartyType.OTHER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tiering.model.Gap;
import dev.tiering.model.OperatorProfile;
import dev.tiering.model.Service;
import dev.tiering.model.Tier;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * gaps.drl on the real rules folder, without Quarkus: what each operator lacks for the next tier
 * and stage up (MODEL.md, "What would move it"), nearest first, and the conversion upside of its
 * colocation book.
 */
@Execution(ExecutionMode.CONCURRENT)
class GapRulesTest {
    private static final String FILE = "gaps.drl";
    private static final String MORE_ESTABLISHED =
            "Toward Tier one: more binding orders from established customers";
    private static final String FIRST_ESTABLISHED =
            "Toward Tier one: a massive order from an established customer";
    private static final String NON_BINDING_SIGNED =
            "Toward Tier two: the largest non-binding deal made binding";
    private static final String FIRST_DEAL = "Toward Tier two: a first binding deal";
    private static final String POWER_ELSEWHERE =
            "Toward Tier three: AI power in North America rather than elsewhere, or an in-house"
                    + " GPU cloud";
    private static final String BARE_METAL = "Toward bare metal: a binding bare-metal deal";
    private static final String NEOCLOUD_STAGE =
            "Toward neocloud: a binding managed-cloud deal or a complete in-house GPU cloud";
    private static final String NON_BINDING_TO_TIER_ONE =
            "Toward Tier one: a non-binding deal made binding";
    private static final String BELOW_MINIMUM =
            "Toward Tier two: a deal of at least the minimum order";
    private static final String DEALS_ENDED =
            "Toward Tier two: a binding deal again, those it had having ended";
    private static final String FULL_STACK_WITH_POWER =
            "Toward the full stack: bare metal beside the neocloud";
    private static final String FULL_STACK_WITHOUT_POWER =
            "Toward the full stack: bare metal and AI-dedicated power beside the neocloud";
    private static final String UPSIDE_OWN =
            "Conversion upside: a binding colocation deal at its own price";
    private static final String UPSIDE_NOTE =
            "Conversion upside: a binding colocation deal at the note's colocation price";
    private static final String UPSIDE_NONE =
            "Conversion upside: none for a colocation deal priced as bare metal already";
    private static final String UPSIDE_UNKNOWN =
            "Conversion upside: not known, a binding colocation deal without its MW";

    @Test
    void a_tier_one_neocloud_has_no_gap() {
        Outcome o = RulesFixture.classify(RulesFixture.example("IREN"));

        assertThat(o.tier()).isEqualTo(Tier.TIER_1);
        assertThat(o.gaps()).isEmpty();
    }

    @Test
    void tier_two_with_some_established_orders_is_told_how_much_is_missing() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("ent-1", "Acme Corp", ENTERPRISE)
                                        .value(10_000_000)
                                        .service(Service.COLOCATION))
                        .deal(
                                binding("cw-1", "CoreWeave", NEOCLOUD)
                                        .value(2_000_000_000.0)
                                        .service(Service.COLOCATION))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.gaps())
                .extracting(Gap::toward)
                .containsExactly("TIER_1", "BARE_METAL", "NEOCLOUD");
        Gap tier = o.gaps().get(0);
        assertThat(tier.rule()).isEqualTo(MORE_ESTABLISHED);
        assertThat(tier.file()).isEqualTo(FILE);
        assertThat(tier.message())
                .isEqualTo(
                        "established backlog USD 10 M, USD 990 M short of USD 1 B: more binding"
                            + " orders from a hyperscaler, an AI lab or an enterprise (directly or"
                            + " as guarantor)");
    }

    @Test
    void tier_two_one_dollar_short_reads_true() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("ms-1", "Microsoft", HYPERSCALER)
                                        .value(999_999_999)
                                        .service(Service.BARE_METAL))
                        .build();

        Gap tier = RulesFixture.classify(p).gaps().get(0);

        assertThat(tier.message())
                .startsWith(
                        "established backlog USD 999,999,999, USD 1 short of USD 1,000,000,000");
    }

    @Test
    void tier_two_with_only_newer_clouds_needs_a_massive_established_order() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("cw-1", "CoreWeave", NEOCLOUD)
                                        .value(15_000_000_000.0)
                                        .service(Service.COLOCATION))
                        .build();

        Gap tier = RulesFixture.classify(p).gaps().get(0);

        assertThat(tier.toward()).isEqualTo("TIER_1");
        assertThat(tier.rule()).isEqualTo(FIRST_ESTABLISHED);
        assertThat(tier.message())
                .isEqualTo(
                        "a binding deal with a hyperscaler, an AI lab or an enterprise (directly or"
                            + " as guarantor) of at least USD 1 B; none of the binding backlog of"
                            + " USD 15 B is with one");
    }

    @Test
    void tier_three_is_pointed_at_its_largest_non_binding_deal() {
        OperatorProfile p =
                operator()
                        .aiSite("Clarington", "US", 570)
                        .deal(nonBinding("loi-small", "Lambda", NEOCLOUD).value(100_000_000))
                        .deal(nonBinding("loi-big", "CoreWeave", NEOCLOUD).value(2_000_000_000.0))
                        .deal(
                                nonBinding("mou", "Undisclosed", OTHER)
                                        .value(50_000_000)
                                        .size(180.0, null))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_3);
        assertThat(o.gaps())
                .extracting(Gap::toward)
                .containsExactly("TIER_2", "BARE_METAL", "NEOCLOUD");
        assertThat(o.gaps().get(0).rule()).isEqualTo(NON_BINDING_SIGNED);
        assertThat(o.gaps().get(0).message())
                .isEqualTo(
                        "a binding deal; the largest non-binding one, loi-big with"
                                + " CoreWeave, a neocloud (USD 2 B), would count once binding");
    }

    @Test
    void a_non_binding_deal_that_would_reach_tier_one_once_binding_says_so() {
        OperatorProfile p =
                operator()
                        .aiSite("Clarington", "US", 570)
                        .deal(
                                nonBinding("loi-big", "Microsoft", HYPERSCALER)
                                        .value(2_000_000_000.0))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_3);
        assertThat(o.gaps())
                .extracting(Gap::toward)
                .containsExactly("TIER_2", "TIER_1", "BARE_METAL", "NEOCLOUD");
        Gap tierOne = o.gaps().get(1);
        assertThat(tierOne.rule()).isEqualTo(NON_BINDING_TO_TIER_ONE);
        assertThat(tierOne.message())
                .isEqualTo(
                        "the non-binding deal loi-big with Microsoft, a hyperscaler, USD 2 B, made"
                                + " binding: established backlog USD 2 B ≥ USD 1 B");
    }

    @Test
    void tier_two_with_a_letter_of_intent_that_would_reach_tier_one_is_told_of_it_alone() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("ent-1", "Acme Corp", ENTERPRISE)
                                        .value(300_000_000)
                                        .service(Service.COLOCATION))
                        .deal(nonBinding("ms-loi", "Microsoft", HYPERSCALER).value(800_000_000))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_2);
        assertThat(o.gaps())
                .filteredOn(g -> g.toward().equals("TIER_1"))
                .singleElement()
                .satisfies(
                        g -> {
                            assertThat(g.rule()).isEqualTo(NON_BINDING_TO_TIER_ONE);
                            assertThat(g.message())
                                    .isEqualTo(
                                            "the non-binding deal ms-loi with Microsoft, a"
                                                    + " hyperscaler, USD 800 M, made binding:"
                                                    + " established backlog USD 1.1 B ≥ USD 1 B");
                        });
    }

    @Test
    void deals_below_the_minimum_order_are_named_with_the_minimum() {
        OperatorProfile p =
                operator()
                        .aiSite("Tydal", "US", 175)
                        .deal(binding("tiny", "Acme Corp", ENTERPRISE).value(1))
                        .deal(nonBinding("small-loi", "Undisclosed", OTHER).value(5_000_000))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_3);
        assertThat(o.gaps().get(0).rule()).isEqualTo(BELOW_MINIMUM);
        assertThat(o.gaps().get(0).message())
                .isEqualTo(
                        "a binding deal of at least USD 10 M, the minimum order; its largest deal,"
                                + " small-loi with Undisclosed, a customer of another kind, is USD"
                                + " 5 M");
    }

    @Test
    void an_operator_whose_deals_have_ended_is_not_told_it_has_none_yet() {
        OperatorProfile p =
                operator()
                        .aiSite("Childress", "US", 750)
                        .deal(
                                binding("ms-1", "Microsoft", HYPERSCALER)
                                        .value(9_700_000_000.0)
                                        .service(Service.BARE_METAL)
                                        .signed(LocalDate.of(2025, 11, 3))
                                        .ended(LocalDate.of(2026, 3, 1)))
                        .build();

        Outcome o = RulesFixture.classify(p, LocalDate.of(2026, 5, 1));

        assertThat(o.tier()).isEqualTo(Tier.TIER_3);
        assertThat(o.gaps().get(0).rule()).isEqualTo(DEALS_ENDED);
        assertThat(o.gaps().get(0).message())
                .isEqualTo(
                        "a binding deal with any customer; none counts on 2026-05-01: the latest,"
                                + " ms-1 with Microsoft, a hyperscaler, ended on 2026-03-01")
                .doesNotContain("no deal yet");
    }

    @Test
    void an_untiered_operator_is_told_both_ways_up_nearest_tier_first() {
        OperatorProfile p =
                operator()
                        .aiSite("Tydal", "NO", 175)
                        .aiSite("Addis", "ET", 40)
                        .miningRevenueShare(0.9)
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.UNTIERED);
        assertThat(o.gaps())
                .extracting(Gap::toward)
                .containsExactly("TIER_3", "TIER_2", "BARE_METAL", "NEOCLOUD");
        assertThat(o.gaps())
                .extracting(Gap::rule)
                .containsExactly(POWER_ELSEWHERE, FIRST_DEAL, BARE_METAL, NEOCLOUD_STAGE);
        assertThat(o.gaps().get(0).message())
                .isEqualTo(
                        "AI-dedicated power in the US, Canada or Mexico, or an in-house GPU cloud"
                                + " (its 2 AI-dedicated sites are outside North America)");
        assertThat(o.gaps().get(1).message())
                .isEqualTo(
                        "a binding deal with any customer; there is no deal yet, binding or not");
    }

    @Test
    void a_colocation_operator_is_told_what_bare_metal_and_neocloud_take() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("cw-1", "CoreWeave", NEOCLOUD)
                                        .value(2_670_000_000.0)
                                        .service(Service.COLOCATION)
                                        .size(100.0, 15.0))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.gaps())
                .filteredOn(g -> g.toward().equals("BARE_METAL"))
                .singleElement()
                .satisfies(
                        g -> {
                            assertThat(g.rule()).isEqualTo(BARE_METAL);
                            assertThat(g.message())
                                    .isEqualTo(
                                            "a binding bare-metal deal, or a binding deal that"
                                                + " states no service priced at USD 5 M/MW/yr or"
                                                + " more");
                        });
        assertThat(o.gaps())
                .filteredOn(g -> g.toward().equals("NEOCLOUD"))
                .singleElement()
                .extracting(Gap::message)
                .isEqualTo(
                        "a binding managed-cloud deal, or an in-house GPU cloud with"
                                + " container orchestration, scheduling and enterprise support");
    }

    @Test
    void a_bare_metal_operator_is_told_only_what_its_cloud_lacks_for_neocloud() {
        OperatorProfile p =
                operator()
                        .gpuCloud(true, 2_000L, true, true, false)
                        .deal(
                                binding("ms-1", "Microsoft", HYPERSCALER)
                                        .value(9_700_000_000.0)
                                        .service(Service.BARE_METAL))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.gaps()).extracting(Gap::toward).containsExactly("NEOCLOUD");
        assertThat(o.gaps().get(0).message())
                .isEqualTo(
                        "a binding managed-cloud deal, or enterprise support for its in-house GPU"
                                + " cloud (2,000 GPUs), which has container orchestration and"
                                + " scheduling");
    }

    @Test
    void a_cloud_whose_gpu_count_is_not_disclosed_says_so() {
        OperatorProfile p = operator().gpuCloud(true, null, false, true, false).build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.gaps())
                .filteredOn(g -> g.toward().equals("NEOCLOUD"))
                .singleElement()
                .extracting(Gap::message)
                .isEqualTo(
                        "a binding managed-cloud deal, or container orchestration and enterprise"
                            + " support for its in-house GPU cloud (GPU count not disclosed), which"
                            + " has scheduling");
    }

    @Test
    void a_neocloud_without_bare_metal_is_told_what_the_full_stack_lacks() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("nv-1", "NVIDIA", CHIPMAKER)
                                        .value(3_400_000_000.0)
                                        .service(Service.MANAGED_CLOUD))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_2);
        assertThat(o.gaps()).extracting(Gap::toward).containsExactly("TIER_1", "BARE_METAL");
        assertThat(o.gaps().get(1).rule()).isEqualTo(FULL_STACK_WITHOUT_POWER);
        assertThat(o.gaps().get(1).message())
                .isEqualTo(
                        "for the full stack beside its neocloud: a binding bare-metal deal, or a"
                                + " binding deal that states no service priced at USD 5 M/MW/yr or"
                                + " more, and an AI-dedicated site");
    }

    @Test
    void a_neocloud_with_ai_power_lacks_only_bare_metal_for_the_full_stack() {
        OperatorProfile p =
                operator()
                        .aiSite("Childress", "US", 750)
                        .gpuCloud(true, 2_000L, true, true, true)
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.gaps())
                .filteredOn(g -> g.toward().equals("BARE_METAL"))
                .singleElement()
                .satisfies(
                        g -> {
                            assertThat(g.rule()).isEqualTo(FULL_STACK_WITH_POWER);
                            assertThat(g.message())
                                    .startsWith(
                                            "for the full stack beside its neocloud and its"
                                                    + " AI-dedicated power:");
                        });
    }

    @Test
    void a_full_stack_operator_has_no_stage_gap() {
        Outcome o = RulesFixture.classify(RulesFixture.example("IREN"));

        assertThat(o.fullStack()).isTrue();
        assertThat(o.gaps()).extracting(Gap::toward).doesNotContain("BARE_METAL", "NEOCLOUD");
    }

    @Test
    void gaps_are_no_reasons() {
        Outcome o = RulesFixture.classify(operator().build());

        assertThat(o.gaps()).isNotEmpty();
        assertThat(Fired.in(o, FILE)).isEmpty();
    }

    @Test
    void the_conversion_upside_prices_each_colocation_deal_from_its_own_price() {
        // two binding colocation deals (one inferred from its price), each at its own density; a
        // bare-metal deal and a non-binding colocation deal that do not count
        OperatorProfile p =
                operator()
                        .deal(
                                binding("cw-1", "CoreWeave", NEOCLOUD)
                                        .value(13_000_000_000.0)
                                        .service(Service.COLOCATION)
                                        .size(700.0, 15.0))
                        .deal(
                                binding("cw-2", "CoreWeave", NEOCLOUD)
                                        .value(2_000_000_000.0)
                                        .size(100.0, 15.0))
                        .deal(
                                binding("ms-1", "Microsoft", HYPERSCALER)
                                        .value(9_700_000_000.0)
                                        .service(Service.BARE_METAL)
                                        .size(200.0, 5.0))
                        .deal(
                                nonBinding("loi", "Lambda", NEOCLOUD)
                                        .value(1_000_000_000.0)
                                        .service(Service.COLOCATION)
                                        .size(50.0, 10.0))
                        .build();

        Outcome o = RulesFixture.classify(p);

        double cw1 = 700 * (9_700_000.0 - 13e9 / (700 * 15));
        double cw2 = 100 * (9_700_000.0 - 2e9 / (100 * 15));
        assertThat(o.conversionUpsideUsdPerYear()).isCloseTo(cw1 + cw2, within(1e-3));
        assertThat(Fired.messages(o, UPSIDE_OWN, FILE))
                .containsExactlyInAnyOrder(
                        "conversion upside of deal cw-1: USD 5.92 B a year, its 700 MW as bare"
                            + " metal at USD 9.7 M/MW/yr instead of its own USD 1.24 M/MW/yr (USD"
                            + " 6.83 B at the top of the band, USD 11 M/MW/yr)",
                        "conversion upside of deal cw-2: USD 837 M a year, its 100 MW as bare metal"
                                + " at USD 9.7 M/MW/yr instead of its own USD 1.33 M/MW/yr (USD"
                                + " 967 M at the top of the band, USD 11 M/MW/yr)");
    }

    @Test
    void a_colocation_deal_without_its_price_takes_the_notes_and_says_so() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("cw-1", "CoreWeave", NEOCLOUD)
                                        .value(1_000_000_000.0)
                                        .service(Service.COLOCATION)
                                        .size(800.0, null))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.conversionUpsideUsdPerYear())
                .isCloseTo(800 * (9_700_000.0 - 1_780_000.0), within(1e-3));
        assertThat(Fired.message(o, UPSIDE_NOTE, FILE))
                .isEqualTo(
                        "conversion upside of deal cw-1: USD 6.34 B a year, its 800 MW as bare"
                                + " metal at USD 9.7 M/MW/yr instead of the note's USD 1.78 M/MW/yr"
                                + " (USD 7.38 B at the top of the band, USD 11 M/MW/yr)");
    }

    @Test
    void a_colocation_deal_priced_above_bare_metal_has_no_upside() {
        // USD 20 M/MW/yr: it already earns more than bare metal would
        OperatorProfile p =
                operator()
                        .deal(
                                binding("cw-1", "CoreWeave", NEOCLOUD)
                                        .value(2_000_000_000.0)
                                        .service(Service.COLOCATION)
                                        .size(10.0, 10.0))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.conversionUpsideUsdPerYear()).isZero();
        assertThat(Fired.message(o, UPSIDE_NONE, FILE))
                .isEqualTo(
                        "no conversion upside from deal cw-1: its own USD 20 M/MW/yr is at least"
                                + " the USD 9.7 M/MW/yr of bare metal");
    }

    @Test
    void a_colocation_deal_without_its_mw_makes_the_upside_unknown() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("ms-1", "Microsoft", HYPERSCALER)
                                        .value(9_700_000_000.0)
                                        .service(Service.BARE_METAL)
                                        .size(200.0, 5.0))
                        .deal(
                                binding("cw-1", "CoreWeave", NEOCLOUD)
                                        .value(1_000_000_000.0)
                                        .service(Service.COLOCATION)
                                        .size(100.0, 15.0))
                        .deal(
                                binding("cw-2", "CoreWeave", NEOCLOUD)
                                        .value(1_000_000_000.0)
                                        .service(Service.COLOCATION))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.conversionUpsideUsdPerYear()).isNull();
        assertThat(Fired.message(o, UPSIDE_UNKNOWN, FILE))
                .isEqualTo(
                        "conversion upside not known: binding colocation deal cw-2 with CoreWeave,"
                                + " a neocloud, does not state its MW");
    }

    @Test
    void no_colocation_no_conversion_upside() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("ms-1", "Microsoft", HYPERSCALER)
                                        .value(9_700_000_000.0)
                                        .service(Service.BARE_METAL)
                                        .size(200.0, 5.0))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.conversionUpsideUsdPerYear()).isZero();
        assertThat(Fired.in(o, FILE)).isEmpty();
    }
}
