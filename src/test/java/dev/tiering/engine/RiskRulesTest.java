package dev.tiering.engine;

import static dev.tiering.engine.Profiles.binding;
import static dev.tiering.engine.Profiles.nonBinding;
import static dev.tiering.engine.Profiles.operator;
import static dev.tiering.model.CounterpartyType.CHIPMAKER;
import static dev.tiering.model.CounterpartyType.HYPERSCALER;
import static dev.tiering.model.CounterpartyType.NEOCLOUD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiering.model.OperatorProfile;
import dev.tiering.model.RiskCode;
import dev.tiering.model.Service;
import dev.tiering.model.SiteStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * risks.drl on the real rules folder, without Quarkus: each of the four flags, its cut and its
 * message.
 */
@Execution(ExecutionMode.CONCURRENT)
class RiskRulesTest {
    private static final String FILE = "risks.drl";
    private static final String CONCENTRATION =
            "Concentration: one counterparty holds much of the binding backlog";
    private static final String GRID = "Grid: an AI-dedicated site awaits interconnection";
    private static final String HARDWARE_DEAL =
            "Hardware: a binding deal runs on the operator's own GPUs";
    private static final String HARDWARE_GPUS = "Hardware: the operator owns GPUs";
    private static final String CRYPTO = "Crypto: much of the revenue still comes from mining";

    @Test
    void flags_concentration_when_one_counterparty_holds_exactly_half_of_the_binding_backlog() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("ms-1", "Microsoft", HYPERSCALER)
                                        .value(500_000_000)
                                        .service(Service.COLOCATION))
                        .deal(
                                binding("cw-1", "CoreWeave", NEOCLOUD)
                                        .value(300_000_000)
                                        .service(Service.COLOCATION))
                        .deal(
                                binding("nv-1", "NVIDIA", CHIPMAKER)
                                        .value(200_000_000)
                                        .service(Service.COLOCATION))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.risks()).containsOnlyKeys(RiskCode.COUNTERPARTY_CONCENTRATION);
        assertThat(Fired.in(o, FILE)).containsExactly(CONCENTRATION);
        assertThat(Fired.message(o, CONCENTRATION, FILE))
                .isEqualTo(
                        "Microsoft holds 50 % of the binding backlog of USD 1 B, flagged from 50"
                                + " %");
        assertThat(o.risks().get(RiskCode.COUNTERPARTY_CONCENTRATION))
                .contains("Microsoft holds 50 %");
    }

    @Test
    void does_not_flag_concentration_just_below_half_of_the_binding_backlog() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("ms-1", "Microsoft", HYPERSCALER)
                                        .value(499_999_999)
                                        .service(Service.COLOCATION))
                        .deal(
                                binding("cw-1", "CoreWeave", NEOCLOUD)
                                        .value(300_000_001)
                                        .service(Service.COLOCATION))
                        .deal(
                                binding("nv-1", "NVIDIA", CHIPMAKER)
                                        .value(200_000_000)
                                        .service(Service.COLOCATION))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.risks()).isEmpty();
        assertThat(Fired.in(o, FILE)).isEmpty();
    }

    @Test
    void flags_concentration_with_a_single_counterparty_holding_the_whole_backlog() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("cw-1", "CoreWeave", NEOCLOUD)
                                        .value(3_800_000_000.0)
                                        .service(Service.COLOCATION))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.risks()).containsOnlyKeys(RiskCode.COUNTERPARTY_CONCENTRATION);
        assertThat(Fired.message(o, CONCENTRATION, FILE))
                .isEqualTo(
                        "CoreWeave holds 100 % of the binding backlog of USD 3.8 B, flagged from 50"
                                + " %");
    }

    @Test
    void compares_counterparty_names_case_insensitively_for_concentration() {
        // Microsoft 30% + MICROSOFT 30% is one counterparty with 60%, not two with 30% each
        OperatorProfile p =
                operator()
                        .deal(
                                binding("ms-1", "Microsoft", HYPERSCALER)
                                        .value(300_000_000)
                                        .service(Service.COLOCATION))
                        .deal(
                                binding("ms-2", "MICROSOFT", HYPERSCALER)
                                        .value(300_000_000)
                                        .service(Service.COLOCATION))
                        .deal(
                                binding("cw-1", "CoreWeave", NEOCLOUD)
                                        .value(400_000_000)
                                        .service(Service.COLOCATION))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.risks()).containsOnlyKeys(RiskCode.COUNTERPARTY_CONCENTRATION);
        assertThat(Fired.message(o, CONCENTRATION, FILE))
                .isEqualToIgnoringCase(
                        "Microsoft holds 60 % of the binding backlog of USD 1 B, flagged from 50"
                                + " %");
    }

    @Test
    void ignores_non_binding_deals_for_concentration() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("ms-1", "Microsoft", HYPERSCALER)
                                        .value(400_000_000)
                                        .service(Service.COLOCATION))
                        .deal(
                                binding("cw-1", "CoreWeave", NEOCLOUD)
                                        .value(400_000_000)
                                        .service(Service.COLOCATION))
                        .deal(
                                binding("nv-1", "NVIDIA", CHIPMAKER)
                                        .value(200_000_000)
                                        .service(Service.COLOCATION))
                        .deal(nonBinding("ms-loi", "Microsoft", HYPERSCALER).value(5_000_000_000.0))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.risks()).doesNotContainKey(RiskCode.COUNTERPARTY_CONCENTRATION);
        assertThat(Fired.fired(o, CONCENTRATION)).isFalse();
    }

    @Test
    void does_not_flag_concentration_without_a_binding_deal() {
        OperatorProfile p =
                operator()
                        .deal(nonBinding("ms-loi", "Microsoft", HYPERSCALER).value(5_000_000_000.0))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.risks()).isEmpty();
    }

    @Test
    void flags_grid_interconnection_for_an_ai_dedicated_site_awaiting_interconnection() {
        OperatorProfile p =
                operator()
                        .site("Sweetwater", "US", 1400, true, SiteStatus.AWAITING_INTERCONNECTION)
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.risks()).containsOnlyKeys(RiskCode.GRID_INTERCONNECTION);
        assertThat(Fired.in(o, FILE)).containsExactly(GRID);
        assertThat(Fired.message(o, GRID, FILE))
                .isEqualTo(
                        "AI-dedicated site Sweetwater (1,400 MW, US) is awaiting grid"
                                + " interconnection");
    }

    @Test
    void does_not_flag_grid_for_a_mining_site_awaiting_interconnection() {
        OperatorProfile p =
                operator()
                        .site("Rockdale", "US", 700, false, SiteStatus.AWAITING_INTERCONNECTION)
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.risks()).isEmpty();
        assertThat(Fired.in(o, FILE)).isEmpty();
    }

    @Test
    void does_not_flag_grid_for_an_ai_site_under_construction() {
        OperatorProfile p =
                operator()
                        .site("Clarington", "US", 300, true, SiteStatus.UNDER_CONSTRUCTION)
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.risks()).isEmpty();
    }

    @Test
    void flags_hardware_obsolescence_for_a_binding_bare_metal_deal() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("ms-1", "Microsoft", HYPERSCALER)
                                        .value(300_000_000)
                                        .service(Service.BARE_METAL))
                        .deal(
                                binding("cw-1", "CoreWeave", NEOCLOUD)
                                        .value(400_000_000)
                                        .service(Service.COLOCATION))
                        .deal(
                                binding("nv-1", "NVIDIA", CHIPMAKER)
                                        .value(300_000_000)
                                        .service(Service.COLOCATION))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.risks()).containsOnlyKeys(RiskCode.HARDWARE_OBSOLESCENCE);
        assertThat(Fired.in(o, FILE)).containsExactly(HARDWARE_DEAL);
        assertThat(Fired.message(o, HARDWARE_DEAL, FILE))
                .isEqualTo(
                        "binding deal ms-1 with Microsoft (USD 300 M) is bare metal: it runs on"
                                + " GPUs the operator owns");
    }

    @Test
    void flags_hardware_obsolescence_for_a_binding_managed_cloud_deal() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("ms-1", "Microsoft", HYPERSCALER)
                                        .value(300_000_000)
                                        .service(Service.MANAGED_CLOUD))
                        .deal(
                                binding("cw-1", "CoreWeave", NEOCLOUD)
                                        .value(400_000_000)
                                        .service(Service.COLOCATION))
                        .deal(
                                binding("nv-1", "NVIDIA", CHIPMAKER)
                                        .value(300_000_000)
                                        .service(Service.COLOCATION))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.risks()).containsOnlyKeys(RiskCode.HARDWARE_OBSOLESCENCE);
        assertThat(Fired.message(o, HARDWARE_DEAL, FILE))
                .contains("binding deal ms-1 with Microsoft (USD 300 M) is managed cloud");
    }

    @Test
    void flags_hardware_obsolescence_for_a_deal_inferred_as_bare_metal_from_its_density() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("ms-1", "Microsoft", HYPERSCALER)
                                        .value(300_000_000)
                                        .size(6.0, 10.0))
                        .deal(
                                binding("cw-1", "CoreWeave", NEOCLOUD)
                                        .value(400_000_000)
                                        .service(Service.COLOCATION))
                        .deal(
                                binding("nv-1", "NVIDIA", CHIPMAKER)
                                        .value(300_000_000)
                                        .service(Service.COLOCATION))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.risks()).containsOnlyKeys(RiskCode.HARDWARE_OBSOLESCENCE);
        assertThat(Fired.message(o, HARDWARE_DEAL, FILE))
                .contains(
                        "binding deal ms-1 with Microsoft (USD 300 M) is bare metal (inferred from"
                                + " its price)");
    }

    @Test
    void does_not_take_a_gpu_count_that_is_not_disclosed_for_owned_gpus() {
        OperatorProfile p = operator().gpuCloud(true, null, true, true, false).build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.risks()).isEmpty();
        assertThat(Fired.fired(o, HARDWARE_GPUS)).isFalse();
    }

    @Test
    void flags_hardware_obsolescence_when_the_operator_owns_gpus() {
        OperatorProfile p = operator().gpuCloud(true, 2_000L, true, true, false).build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.risks()).containsOnlyKeys(RiskCode.HARDWARE_OBSOLESCENCE);
        assertThat(Fired.in(o, FILE)).containsExactly(HARDWARE_GPUS);
        assertThat(Fired.message(o, HARDWARE_GPUS, FILE))
                .isEqualTo("the operator's GPU cloud holds 2,000 GPUs");
    }

    @Test
    void does_not_flag_hardware_obsolescence_for_zero_gpus_and_colocation_only() {
        OperatorProfile p =
                operator()
                        .gpuCloud(true, 0L, true, true, true)
                        .deal(
                                binding("ms-1", "Microsoft", HYPERSCALER)
                                        .value(300_000_000)
                                        .service(Service.COLOCATION))
                        .deal(
                                binding("cw-1", "CoreWeave", NEOCLOUD)
                                        .value(400_000_000)
                                        .service(Service.COLOCATION))
                        .deal(
                                binding("nv-1", "NVIDIA", CHIPMAKER)
                                        .value(300_000_000)
                                        .service(Service.COLOCATION))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.risks()).isEmpty();
        assertThat(Fired.in(o, FILE)).isEmpty();
    }

    @Test
    void does_not_flag_hardware_obsolescence_for_a_non_binding_bare_metal_deal() {
        OperatorProfile p =
                operator()
                        .deal(
                                nonBinding("ms-loi", "Microsoft", HYPERSCALER)
                                        .value(300_000_000)
                                        .service(Service.BARE_METAL))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.risks()).isEmpty();
    }

    @Test
    void flags_crypto_exposure_at_exactly_half_of_revenue_from_mining() {
        OperatorProfile p = operator().miningRevenueShare(0.5).build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.risks()).containsOnlyKeys(RiskCode.CRYPTO_EXPOSURE);
        assertThat(Fired.in(o, FILE)).containsExactly(CRYPTO);
        assertThat(Fired.message(o, CRYPTO, FILE))
                .isEqualTo("50 % of revenue still comes from crypto mining, flagged from 50 %");
    }

    @Test
    void does_not_flag_crypto_exposure_just_below_half_of_revenue_from_mining() {
        OperatorProfile p = operator().miningRevenueShare(0.499).build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.risks()).isEmpty();
        assertThat(Fired.in(o, FILE)).isEmpty();
    }

    @Test
    void does_not_flag_crypto_exposure_when_the_mining_share_is_unknown() {
        OperatorProfile p = operator().miningRevenueShare(null).build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.risks()).isEmpty();
    }

    @Test
    void compares_counterparty_names_without_punctuation_or_legal_suffixes_for_concentration() {
        // "CoreWeave" and "CoreWeave, Inc." are one counterparty: 100 %, not 56 % and 44 %
        OperatorProfile p =
                operator()
                        .deal(
                                binding("cw-1", "CoreWeave", NEOCLOUD)
                                        .value(560_000_000)
                                        .service(Service.COLOCATION))
                        .deal(
                                binding("cw-2", "CoreWeave, Inc.", NEOCLOUD)
                                        .value(440_000_000)
                                        .service(Service.COLOCATION))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(Fired.message(o, CONCENTRATION, FILE))
                .isEqualTo(
                        "CoreWeave holds 100 % of the binding backlog of USD 1 B, flagged from 50"
                                + " %");
    }

    @Test
    void an_estimated_mining_share_reads_about() {
        OperatorProfile p =
                operator().miningRevenueShare(0.6).estimates("miningRevenueShare").build();

        Outcome o = RulesFixture.classify(p);

        assertThat(Fired.message(o, CRYPTO, FILE))
                .isEqualTo(
                        "about 60 % (estimate) of revenue still comes from crypto mining, flagged"
                                + " from 50 %");
    }
}
