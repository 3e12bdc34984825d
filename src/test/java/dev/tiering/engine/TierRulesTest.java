package dev.tiering.engine;

import static dev.tiering.engine.Profiles.binding;
import static dev.tiering.engine.Profiles.nonBinding;
import static dev.tiering.engine.Profiles.operator;
import static dev.tiering.model.CounterpartyType.AI_LAB;
import static dev.tiering.model.CounterpartyType.CHIPMAKER;
import static dev.tiering.model.CounterpartyType.ENTERPRISE;
import static dev.tiering.model.CounterpartyType.HYPERSCALER;
import static dev.tiering.model.CounterpartyType.NEOCLOUD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiering.model.OperatorProfile;
import dev.tiering.model.Service;
import dev.tiering.model.Tier;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * tiers.drl on the real rules folder, without Quarkus: each tier, the established backlog and the
 * cuts.
 */
@Execution(ExecutionMode.CONCURRENT)
class TierRulesTest {
    private static final String FILE = "tiers.drl";
    private static final String TIER_ONE =
            "Tier one: massive binding orders from established customers";
    private static final String TIER_TWO =
            "Tier two: binding orders, but no massive backlog from established customers";
    private static final String TIER_THREE =
            "Tier three: no binding order yet, but North-American AI power or an in-house GPU"
                    + " cloud";
    private static final String UNTIERED =
            "Untiered: no binding order, no North-American AI power, no in-house GPU cloud";
    private static final String TOO_SMALL =
            "Too small to count: a binding deal below the minimum order";
    private static final String NO_CLOUD = "No cloud: an in-house GPU cloud that states no GPUs";
    private static final String NOT_YET = "Not yet: a deal signed after the date of the answer";

    @Test
    void moves_to_tier_one_with_a_binding_hyperscaler_deal_of_exactly_one_billion() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("ms-1", "Microsoft", HYPERSCALER)
                                        .value(1_000_000_000)
                                        .service(Service.COLOCATION))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_1);
        assertThat(Fired.in(o, FILE)).containsExactly(TIER_ONE);
        assertThat(Fired.message(o, TIER_ONE, FILE))
                .isEqualTo(
                        "established backlog USD 1 B ≥ USD 1 B: Microsoft, a hyperscaler, deal"
                                + " ms-1");
    }

    @Test
    void stays_in_tier_two_with_a_binding_hyperscaler_backlog_of_999_999_999() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("ms-1", "Microsoft", HYPERSCALER)
                                        .value(999_999_999)
                                        .service(Service.COLOCATION))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_2);
        assertThat(Fired.in(o, FILE)).containsExactly(TIER_TWO);
        assertThat(Fired.message(o, TIER_TWO, FILE))
                .isEqualTo(
                        "established backlog USD 999,999,999, below USD 1,000,000,000: Microsoft, a"
                                + " hyperscaler, deal ms-1; 1 binding deal worth USD 999,999,999 in"
                                + " all");
    }

    @Test
    void counts_only_orders_from_established_customers_toward_tier_one() {
        // USD 1 B of binding orders, but only USD 600 M of them from an established customer
        OperatorProfile p =
                operator()
                        .deal(
                                binding("ms-1", "Microsoft", HYPERSCALER)
                                        .value(600_000_000)
                                        .service(Service.COLOCATION))
                        .deal(
                                binding("cw-1", "CoreWeave", NEOCLOUD)
                                        .value(400_000_000)
                                        .service(Service.COLOCATION))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_2);
        assertThat(Fired.message(o, TIER_TWO, FILE))
                .isEqualTo(
                        "established backlog USD 600 M, below USD 1 B: Microsoft, a hyperscaler,"
                                + " deal ms-1; 2 binding deals worth USD 1 B in all");
    }

    @Test
    void stays_in_tier_two_with_a_small_enterprise_deal_beside_a_massive_neocloud_lease() {
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

        assertThat(o.tier()).isEqualTo(Tier.TIER_2);
        assertThat(Fired.in(o, FILE)).containsExactly(TIER_TWO);
        assertThat(Fired.message(o, TIER_TWO, FILE))
                .startsWith("established backlog USD 10 M, below USD 1 B");
    }

    @Test
    void adds_up_two_established_customers_that_only_together_reach_one_billion() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("ms-1", "Microsoft", HYPERSCALER)
                                        .value(600_000_000)
                                        .service(Service.COLOCATION))
                        .deal(
                                binding("fs-1", "Fluidstack", NEOCLOUD)
                                        .guarantor("Google", HYPERSCALER)
                                        .value(400_000_000)
                                        .service(Service.COLOCATION))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_1);
        assertThat(Fired.message(o, TIER_ONE, FILE))
                .isEqualTo(
                        "established backlog USD 1 B ≥ USD 1 B: Microsoft, a hyperscaler, deal ms-1"
                            + " (USD 600 M); Fluidstack, backed by Google as guarantor, deal fs-1"
                            + " (USD 400 M, guarantee amount not disclosed)");
    }

    @Test
    void counts_an_ai_lab_as_an_established_customer() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("oai-1", "OpenAI", AI_LAB)
                                        .value(2_000_000_000)
                                        .service(Service.BARE_METAL))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_1);
        assertThat(Fired.message(o, TIER_ONE, FILE))
                .isEqualTo("established backlog USD 2 B ≥ USD 1 B: OpenAI, an AI lab, deal oai-1");
    }

    @Test
    void counts_an_enterprise_as_an_established_customer() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("ent-1", "Acme Corp", ENTERPRISE)
                                        .value(1_500_000_000)
                                        .service(Service.COLOCATION))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_1);
        assertThat(Fired.message(o, TIER_ONE, FILE))
                .contains("USD 1.5 B")
                .contains("Acme Corp, an enterprise");
    }

    @Test
    void counts_a_neocloud_backed_by_a_hyperscaler_guarantor_as_established() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("fs-1", "Fluidstack", NEOCLOUD)
                                        .guarantor("Google", HYPERSCALER)
                                        .value(3_700_000_000.0)
                                        .service(Service.COLOCATION))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_1);
        assertThat(Fired.in(o, FILE)).containsExactly(TIER_ONE);
        assertThat(Fired.message(o, TIER_ONE, FILE))
                .isEqualTo(
                        "established backlog USD 3.7 B ≥ USD 1 B: Fluidstack, backed by Google as"
                                + " guarantor, deal fs-1 (USD 3.7 B, guarantee amount not"
                                + " disclosed)");
    }

    @Test
    void does_not_count_a_guarantor_that_is_itself_a_chipmaker() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("fs-1", "Fluidstack", NEOCLOUD)
                                        .guarantor("NVIDIA", CHIPMAKER)
                                        .value(3_700_000_000.0)
                                        .service(Service.COLOCATION))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_2);
        assertThat(Fired.in(o, FILE)).containsExactly(TIER_TWO);
        assertThat(Fired.message(o, TIER_TWO, FILE))
                .isEqualTo(
                        "1 binding deal worth USD 3.7 B, none with an established customer:"
                                + " Fluidstack, a neocloud, with NVIDIA, a chipmaker, as guarantor,"
                                + " deal fs-1");
    }

    @Test
    void stays_in_tier_two_with_a_massive_backlog_from_newer_clouds_and_chipmakers_only() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("cw-1", "CoreWeave", NEOCLOUD)
                                        .value(3_000_000_000.0)
                                        .service(Service.COLOCATION))
                        .deal(
                                binding("nv-1", "NVIDIA", CHIPMAKER)
                                        .value(500_000_000)
                                        .service(Service.BARE_METAL))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_2);
        assertThat(Fired.in(o, FILE)).containsExactly(TIER_TWO);
        assertThat(Fired.message(o, TIER_TWO, FILE))
                .isEqualTo(
                        "2 binding deals worth USD 3.5 B, none with an established customer:"
                            + " CoreWeave, a neocloud, deal cw-1 (USD 3 B); NVIDIA, a chipmaker,"
                            + " deal nv-1 (USD 500 M)");
    }

    @Test
    void ignores_a_non_binding_hyperscaler_deal_for_tier_one() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("cw-1", "CoreWeave", NEOCLOUD)
                                        .value(2_000_000_000.0)
                                        .service(Service.COLOCATION))
                        .deal(nonBinding("ms-loi", "Microsoft", HYPERSCALER).value(5_000_000_000.0))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_2);
        assertThat(Fired.in(o, FILE)).containsExactly(TIER_TWO);
        assertThat(Fired.message(o, TIER_TWO, FILE))
                .startsWith("1 binding deal worth USD 2 B, none with an established customer");
    }

    @Test
    void counts_only_binding_value_in_the_backlog() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("ms-1", "Microsoft", HYPERSCALER)
                                        .value(600_000_000)
                                        .service(Service.COLOCATION))
                        .deal(
                                nonBinding("ms-2", "Microsoft", HYPERSCALER)
                                        .value(600_000_000)
                                        .service(Service.COLOCATION))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_2);
        assertThat(Fired.message(o, TIER_TWO, FILE))
                .startsWith("established backlog USD 600 M, below USD 1 B");
    }

    @Test
    void moves_to_tier_three_with_north_american_ai_power_and_no_binding_deal() {
        OperatorProfile p =
                operator()
                        .aiSite("Clarington", "US", 200)
                        .deal(nonBinding("ms-loi", "Microsoft", HYPERSCALER).value(5_000_000_000.0))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_3);
        assertThat(Fired.in(o, FILE)).containsExactly(TIER_THREE);
        assertThat(Fired.message(o, TIER_THREE, FILE))
                .isEqualTo(
                        "no binding deal; 200 MW of North-American AI-dedicated power, no in-house"
                                + " GPU cloud");
    }

    @Test
    void moves_to_tier_three_with_a_tiny_north_american_ai_site_just_above_zero_mw() {
        OperatorProfile p = operator().aiSite("Pilot", "US", 0.1).build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_3);
        assertThat(Fired.message(o, TIER_THREE, FILE)).contains("0.1 MW");
    }

    @Test
    void counts_canadian_and_mexican_ai_sites_as_north_american() {
        OperatorProfile p =
                operator().aiSite("Quebec", "CA", 50).aiSite("Monterrey", "MX", 25).build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_3);
        assertThat(Fired.message(o, TIER_THREE, FILE))
                .contains("75 MW of North-American AI-dedicated power");
    }

    @Test
    void moves_to_tier_three_with_an_in_house_gpu_cloud_and_no_north_american_ai_power() {
        OperatorProfile p =
                operator()
                        .aiSite("Tydal", "NO", 175)
                        .gpuCloud(true, null, false, false, false)
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_3);
        assertThat(Fired.in(o, FILE)).containsExactly(TIER_THREE);
        assertThat(Fired.message(o, TIER_THREE, FILE))
                .isEqualTo(
                        "no binding deal; an in-house GPU cloud (GPU count not disclosed), no"
                                + " North-American AI-dedicated power");
    }

    @Test
    void an_in_house_cloud_that_states_no_gpus_counts_as_no_cloud() {
        OperatorProfile p =
                operator().aiSite("Tydal", "NO", 175).gpuCloud(true, 0L, true, true, true).build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.UNTIERED);
        assertThat(o.stages()).isEmpty();
        assertThat(o.risks()).isEmpty();
        assertThat(Fired.message(o, NO_CLOUD, FILE))
                .isEqualTo("its in-house GPU cloud states no GPUs, so it counts as no cloud");
        assertThat(Facts.of(p, null, RulesFixture.rules()).screenCandidate(o.tier(), false))
                .extracting(c -> c.isInHouseCloud())
                .isEqualTo(false);
    }

    @Test
    void stays_untiered_with_zero_north_american_ai_mw_and_no_in_house_cloud() {
        OperatorProfile p =
                operator()
                        .miningSite("Rockdale", "US", 700)
                        .aiSite("Tydal", "NO", 175)
                        .aiSite("Addis", "ET", 40)
                        .gpuCloud(false, 0L, true, true, true)
                        .miningRevenueShare(0.9)
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.UNTIERED);
        assertThat(Fired.in(o, FILE)).containsExactly(UNTIERED);
        assertThat(Fired.message(o, UNTIERED, FILE))
                .isEqualTo(
                        "no binding deal, no North-American AI-dedicated power and no in-house GPU"
                                + " cloud");
    }

    @Test
    void stays_untiered_with_no_sites_no_deals_and_no_cloud() {
        Outcome o = RulesFixture.classify(operator().build());

        assertThat(o.tier()).isEqualTo(Tier.UNTIERED);
        assertThat(Fired.in(o, FILE)).containsExactly(UNTIERED);
    }

    @Test
    void drops_out_of_tier_one_as_of_the_day_its_only_binding_deal_ended() {
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

        Outcome before = RulesFixture.classify(p, LocalDate.of(2026, 2, 28));
        Outcome onEndDate = RulesFixture.classify(p, LocalDate.of(2026, 3, 1));

        assertThat(before.tier()).isEqualTo(Tier.TIER_1);
        assertThat(onEndDate.tier()).isEqualTo(Tier.TIER_3);
        assertThat(Fired.in(onEndDate, FILE)).containsExactly(TIER_THREE);
        assertThat(Fired.message(onEndDate, TIER_THREE, FILE)).contains("750 MW");
    }

    @Test
    void counts_a_deal_from_the_day_it_was_signed_but_not_before() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("ms-1", "Microsoft", HYPERSCALER)
                                        .value(9_700_000_000.0)
                                        .service(Service.BARE_METAL)
                                        .signed(LocalDate.of(2025, 11, 3)))
                        .build();

        Outcome dayBefore = RulesFixture.classify(p, LocalDate.of(2025, 11, 2));
        Outcome signingDay = RulesFixture.classify(p, LocalDate.of(2025, 11, 3));

        assertThat(dayBefore.tier()).isEqualTo(Tier.UNTIERED);
        assertThat(signingDay.tier()).isEqualTo(Tier.TIER_1);
        assertThat(Fired.message(signingDay, TIER_ONE, FILE)).contains("USD 9.7 B");
    }

    @Test
    void a_binding_deal_below_the_minimum_order_is_too_small_to_count() {
        OperatorProfile p =
                operator()
                        .aiSite("Clarington", "US", 570)
                        .deal(binding("tiny", "Microsoft", HYPERSCALER).value(1))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_3);
        assertThat(Fired.in(o, FILE)).containsExactly(TIER_THREE, TOO_SMALL);
        assertThat(Fired.message(o, TOO_SMALL, FILE))
                .isEqualTo(
                        "binding deal tiny with Microsoft, a hyperscaler, USD 1, is below the"
                                + " minimum order of USD 10 M: too small to count");
        assertThat(Facts.of(p, null, RulesFixture.rules()).operator().getBindingBacklogUsd())
                .isZero();
    }

    @Test
    void a_binding_deal_of_exactly_the_minimum_order_counts() {
        OperatorProfile p =
                operator().deal(binding("order", "AMD", CHIPMAKER).value(10_000_000)).build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_2);
        assertThat(Fired.fired(o, TOO_SMALL)).isFalse();
    }

    @Test
    void a_guarantee_counts_toward_tier_one_for_the_part_it_backs() {
        // WULF's shape: Google backstops USD 1.8 B of a USD 3.7 B lease with a newer cloud
        OperatorProfile partly =
                operator()
                        .deal(
                                binding("fs-1", "Fluidstack", NEOCLOUD)
                                        .guarantor("Google", HYPERSCALER)
                                        .guaranteed(800_000_000)
                                        .value(3_700_000_000.0)
                                        .service(Service.COLOCATION))
                        .build();

        Outcome o = RulesFixture.classify(partly);

        assertThat(o.tier()).isEqualTo(Tier.TIER_2);
        assertThat(Fired.message(o, TIER_TWO, FILE))
                .isEqualTo(
                        "established backlog USD 800 M, below USD 1 B: Fluidstack, backed by Google"
                                + " as guarantor, deal fs-1 (USD 800 M of USD 3.7 B guaranteed); 1"
                                + " binding deal worth USD 3.7 B in all");
    }

    @Test
    void an_established_counterparty_counts_in_full_whatever_its_guarantee() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("ms-1", "Microsoft", HYPERSCALER)
                                        .guarantor("Google", HYPERSCALER)
                                        .guaranteed(100_000_000)
                                        .value(1_500_000_000)
                                        .service(Service.COLOCATION))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_1);
        assertThat(Fired.message(o, TIER_ONE, FILE))
                .isEqualTo(
                        "established backlog USD 1.5 B ≥ USD 1 B: Microsoft, a hyperscaler, deal"
                                + " ms-1");
    }

    @Test
    void a_deal_signed_after_the_date_of_the_answer_is_named_as_counting_from_its_date() {
        OperatorProfile p =
                operator()
                        .aiSite("Clarington", "US", 570)
                        .deal(
                                binding("ms-1", "Microsoft", HYPERSCALER)
                                        .value(2_000_000_000.0)
                                        .service(Service.COLOCATION)
                                        .signed(LocalDate.of(2026, 9, 1)))
                        .build();

        Outcome o = RulesFixture.classify(p, LocalDate.of(2026, 5, 31));

        assertThat(o.tier()).isEqualTo(Tier.TIER_3);
        assertThat(Fired.message(o, NOT_YET, FILE))
                .isEqualTo(
                        "deal ms-1 with Microsoft, a hyperscaler, counts from 2026-09-01, after"
                                + " 2026-05-31, the date of this answer");
    }

    @Test
    void an_estimated_figure_reads_about() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("ms-1", "Microsoft", HYPERSCALER)
                                        .value(1_500_000_000)
                                        .service(Service.COLOCATION))
                        .estimates("deals[0].valueUsd")
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(Fired.message(o, TIER_ONE, FILE))
                .isEqualTo(
                        "established backlog about USD 1.5 B (estimate) ≥ USD 1 B: Microsoft, a"
                                + " hyperscaler, deal ms-1 (about USD 1.5 B, an estimate)");
    }
}
