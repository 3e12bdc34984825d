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
import org.junit.jupiter.api.Test;

/**
 * gaps.drl on the real rules folder, without Quarkus: what each operator lacks for the next tier
 * and stage up (MODEL.md, "What would move it"), nearest first, and the conversion upside of its
 * colocation book.
 */
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
    private static final String UPSIDE =
            "Conversion upside: binding colocation MW priced as bare metal";

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
                        .deal(
                                nonBinding("loi-big", "Microsoft", HYPERSCALER)
                                        .value(2_000_000_000.0))
                        .deal(nonBinding("mou", "Undisclosed", OTHER).size(180.0, null))
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
                                + " Microsoft, a hyperscaler (USD 2 B), would count once binding");
    }

    @Test
    void a_non_binding_deal_without_a_value_is_named_by_its_size() {
        OperatorProfile p =
                operator()
                        .aiSite("Tydal", "US", 175)
                        .deal(nonBinding("tydal-lease", "Undisclosed", OTHER).size(180.0, null))
                        .build();

        assertThat(RulesFixture.classify(p).gaps().get(0).message())
                .isEqualTo(
                        "a binding deal; the largest non-binding one, tydal-lease with Undisclosed,"
                            + " a customer of another kind (180 MW, no value stated), would count"
                            + " once binding");
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
    void a_neocloud_has_no_stage_gap_but_a_tier_gap() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("nv-1", "NVIDIA", CHIPMAKER)
                                        .value(3_400_000_000.0)
                                        .service(Service.MANAGED_CLOUD))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_2);
        assertThat(o.gaps()).extracting(Gap::toward).containsExactly("TIER_1");
    }

    @Test
    void gaps_are_no_reasons() {
        Outcome o = RulesFixture.classify(operator().build());

        assertThat(o.gaps()).isNotEmpty();
        assertThat(Fired.in(o, FILE)).isEmpty();
    }

    @Test
    void the_conversion_upside_prices_binding_colocation_mw_as_bare_metal() {
        // 800 MW of binding colocation (one of them inferred from its price), and 50 MW non-binding
        // that does not count
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

        assertThat(o.conversionUpsideUsdPerYear())
                .isCloseTo(800 * (9_700_000.0 - 1_780_000.0), within(1e-3));
        assertThat(Fired.message(o, UPSIDE, FILE))
                .isEqualTo(
                        "conversion upside USD 6.34 B a year: the 800 MW under binding colocation"
                            + " deals would earn USD 9.7 M/MW/yr as bare metal instead of USD 1.78"
                            + " M/MW/yr, 5.4 times as much (USD 7.38 B a year at the top of the"
                            + " band, USD 11 M/MW/yr)");
    }

    @Test
    void no_colocation_mw_no_conversion_upside() {
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
                                        .service(Service.COLOCATION))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.conversionUpsideUsdPerYear()).isZero();
        assertThat(Fired.fired(o, UPSIDE)).isFalse();
    }
}
