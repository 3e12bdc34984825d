package dev.tiering.engine;

import static dev.tiering.model.CounterpartyType.AI_LAB;
import static dev.tiering.model.CounterpartyType.CHIPMAKER;
import static dev.tiering.model.CounterpartyType.ENTERPRISE;
import static dev.tiering.model.CounterpartyType.HYPERSCALER;
import static dev.tiering.model.CounterpartyType.NEOCLOUD;
import static dev.tiering.engine.Profiles.binding;
import static dev.tiering.engine.Profiles.nonBinding;
import static dev.tiering.engine.Profiles.operator;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiering.model.Tier;
import dev.tiering.model.OperatorProfile;
import dev.tiering.model.Service;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** tiers.drl on the real rules folder, without Quarkus: each tier, the established-customer test and the cuts. */
class TierRulesTest {
    private static final String FILE = "tiers.drl";
    private static final String TIER_ONE = "Tier one: a massive binding backlog with an established customer";
    private static final String TIER_TWO = "Tier two: binding orders, but no massive backlog with an established customer";
    private static final String TIER_THREE = "Tier three: no binding order yet, but North-American AI power or an in-house GPU cloud";
    private static final String UNTIERED = "Untiered: no binding order, no North-American AI power, no in-house GPU cloud";

    @Test
    void moves_to_tier_one_with_a_binding_hyperscaler_deal_of_exactly_one_billion() {
        OperatorProfile p = operator()
                .deal(binding("ms-1", "Microsoft", HYPERSCALER).value(1_000_000_000).service(Service.COLOCATION))
                .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_1);
        assertThat(Fired.in(o, FILE)).containsExactly(TIER_ONE);
        assertThat(Fired.message(o, TIER_ONE, FILE))
                .contains("binding backlog USD 1 B >= USD 1 B")
                .contains("Microsoft is a HYPERSCALER")
                .contains("deal ms-1");
    }

    @Test
    void stays_in_tier_two_with_a_binding_hyperscaler_backlog_of_999_999_999() {
        OperatorProfile p = operator()
                .deal(binding("ms-1", "Microsoft", HYPERSCALER).value(999_999_999).service(Service.COLOCATION))
                .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_2);
        assertThat(Fired.in(o, FILE)).containsExactly(TIER_TWO);
        assertThat(Fired.message(o, TIER_TWO, FILE)).contains("1 binding deal(s)").contains("< USD 1 B");
    }

    @Test
    void sums_every_binding_deal_into_the_backlog_that_tier_one_needs() {
        OperatorProfile p = operator()
                .deal(binding("ms-1", "Microsoft", HYPERSCALER).value(600_000_000).service(Service.COLOCATION))
                .deal(binding("cw-1", "CoreWeave", NEOCLOUD).value(400_000_000).service(Service.COLOCATION))
                .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_1);
        assertThat(Fired.in(o, FILE)).containsExactly(TIER_ONE);
        assertThat(Fired.message(o, TIER_ONE, FILE))
                .contains("binding backlog USD 1 B")
                .contains("Microsoft is a HYPERSCALER (deal ms-1, USD 600 M)");
    }

    @Test
    void counts_an_ai_lab_as_an_established_customer() {
        OperatorProfile p = operator()
                .deal(binding("oai-1", "OpenAI", AI_LAB).value(2_000_000_000).service(Service.BARE_METAL))
                .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_1);
        assertThat(Fired.message(o, TIER_ONE, FILE)).contains("USD 2 B").contains("OpenAI is an AI_LAB");
    }

    @Test
    void counts_an_enterprise_as_an_established_customer() {
        OperatorProfile p = operator()
                .deal(binding("ent-1", "Acme Corp", ENTERPRISE).value(1_500_000_000).service(Service.COLOCATION))
                .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_1);
        assertThat(Fired.message(o, TIER_ONE, FILE)).contains("USD 1.5 B").contains("Acme Corp is an ENTERPRISE");
    }

    @Test
    void counts_a_neocloud_backed_by_a_hyperscaler_guarantor_as_established() {
        OperatorProfile p = operator()
                .deal(binding("fs-1", "Fluidstack", NEOCLOUD).guarantor("Google", HYPERSCALER)
                        .value(3_700_000_000.0).service(Service.COLOCATION))
                .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_1);
        assertThat(Fired.in(o, FILE)).containsExactly(TIER_ONE);
        assertThat(Fired.message(o, TIER_ONE, FILE))
                .contains("binding backlog USD 3.7 B >= USD 1 B")
                .contains("Fluidstack (NEOCLOUD) is backed by Google, a HYPERSCALER");
    }

    @Test
    void does_not_count_a_guarantor_that_is_itself_a_chipmaker() {
        OperatorProfile p = operator()
                .deal(binding("fs-1", "Fluidstack", NEOCLOUD).guarantor("NVIDIA", CHIPMAKER)
                        .value(3_700_000_000.0).service(Service.COLOCATION))
                .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_2);
        assertThat(Fired.in(o, FILE)).containsExactly(TIER_TWO);
    }

    @Test
    void stays_in_tier_two_with_a_massive_backlog_from_newer_clouds_and_chipmakers_only() {
        OperatorProfile p = operator()
                .deal(binding("cw-1", "CoreWeave", NEOCLOUD).value(3_000_000_000.0).service(Service.COLOCATION))
                .deal(binding("nv-1", "NVIDIA", CHIPMAKER).value(500_000_000).service(Service.BARE_METAL))
                .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_2);
        assertThat(Fired.in(o, FILE)).containsExactly(TIER_TWO);
        assertThat(Fired.message(o, TIER_TWO, FILE))
                .contains("2 binding deal(s)")
                .contains("no binding deal with an established customer");
    }

    @Test
    void ignores_a_non_binding_hyperscaler_deal_for_tier_one() {
        OperatorProfile p = operator()
                .deal(binding("cw-1", "CoreWeave", NEOCLOUD).value(2_000_000_000.0).service(Service.COLOCATION))
                .deal(nonBinding("ms-loi", "Microsoft", HYPERSCALER).value(5_000_000_000.0))
                .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_2);
        assertThat(Fired.in(o, FILE)).containsExactly(TIER_TWO);
        assertThat(Fired.message(o, TIER_TWO, FILE)).contains("1 binding deal(s)");
    }

    @Test
    void counts_only_binding_value_in_the_backlog() {
        OperatorProfile p = operator()
                .deal(binding("ms-1", "Microsoft", HYPERSCALER).value(600_000_000).service(Service.COLOCATION))
                .deal(nonBinding("ms-2", "Microsoft", HYPERSCALER).value(600_000_000).service(Service.COLOCATION))
                .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_2);
        assertThat(Fired.message(o, TIER_TWO, FILE)).contains("binding backlog USD 600 M < USD 1 B");
    }

    @Test
    void moves_to_tier_three_with_north_american_ai_power_and_no_binding_deal() {
        OperatorProfile p = operator()
                .aiSite("Clarington", "US", 200)
                .deal(nonBinding("ms-loi", "Microsoft", HYPERSCALER).value(5_000_000_000.0))
                .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_3);
        assertThat(Fired.in(o, FILE)).containsExactly(TIER_THREE);
        assertThat(Fired.message(o, TIER_THREE, FILE))
                .contains("no binding deal")
                .contains("North-American AI-dedicated power 200 MW")
                .contains("no in-house GPU cloud");
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
        OperatorProfile p = operator()
                .aiSite("Quebec", "CA", 50)
                .aiSite("Monterrey", "MX", 25)
                .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_3);
        assertThat(Fired.message(o, TIER_THREE, FILE)).contains("North-American AI-dedicated power 75 MW");
    }

    @Test
    void moves_to_tier_three_with_an_in_house_gpu_cloud_and_no_north_american_ai_power() {
        OperatorProfile p = operator()
                .aiSite("Tydal", "NO", 175)
                .gpuCloud(true, 0, false, false, false)
                .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.TIER_3);
        assertThat(Fired.in(o, FILE)).containsExactly(TIER_THREE);
        assertThat(Fired.message(o, TIER_THREE, FILE))
                .contains("North-American AI-dedicated power 0 MW")
                .contains(", in-house GPU cloud");
    }

    @Test
    void stays_untiered_with_zero_north_american_ai_mw_and_no_in_house_cloud() {
        OperatorProfile p = operator()
                .miningSite("Rockdale", "US", 700)
                .aiSite("Tydal", "NO", 175)
                .aiSite("Addis", "ET", 40)
                .gpuCloud(false, 0, true, true, true)
                .miningRevenueShare(0.9)
                .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.tier()).isEqualTo(Tier.UNTIERED);
        assertThat(Fired.in(o, FILE)).containsExactly(UNTIERED);
        assertThat(Fired.message(o, UNTIERED, FILE))
                .contains("no binding deal")
                .contains("North-American AI-dedicated power 0 MW")
                .contains("no in-house GPU cloud");
    }

    @Test
    void stays_untiered_with_no_sites_no_deals_and_no_cloud() {
        Outcome o = RulesFixture.classify(operator().build());

        assertThat(o.tier()).isEqualTo(Tier.UNTIERED);
        assertThat(Fired.in(o, FILE)).containsExactly(UNTIERED);
    }

    @Test
    void drops_out_of_tier_one_as_of_the_day_its_only_binding_deal_ended() {
        OperatorProfile p = operator()
                .aiSite("Childress", "US", 750)
                .deal(binding("ms-1", "Microsoft", HYPERSCALER).value(9_700_000_000.0).service(Service.BARE_METAL)
                        .signed(LocalDate.of(2025, 11, 3)).ended(LocalDate.of(2026, 3, 1)))
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
        OperatorProfile p = operator()
                .deal(binding("ms-1", "Microsoft", HYPERSCALER).value(9_700_000_000.0).service(Service.BARE_METAL)
                        .signed(LocalDate.of(2025, 11, 3)))
                .build();

        Outcome dayBefore = RulesFixture.classify(p, LocalDate.of(2025, 11, 2));
        Outcome signingDay = RulesFixture.classify(p, LocalDate.of(2025, 11, 3));

        assertThat(dayBefore.tier()).isEqualTo(Tier.UNTIERED);
        assertThat(signingDay.tier()).isEqualTo(Tier.TIER_1);
        assertThat(Fired.message(signingDay, TIER_ONE, FILE)).contains("USD 9.7 B");
    }
}
