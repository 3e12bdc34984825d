package dev.tiering.engine;

import static dev.tiering.engine.Profiles.binding;
import static dev.tiering.engine.Profiles.nonBinding;
import static dev.tiering.engine.Profiles.operator;
import static dev.tiering.model.CounterpartyType.AI_LAB;
import static dev.tiering.model.CounterpartyType.HYPERSCALER;
import static dev.tiering.model.CounterpartyType.NEOCLOUD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiering.model.OperatorProfile;
import dev.tiering.model.RiskCode;
import dev.tiering.model.Service;
import dev.tiering.model.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * stages.drl on the real rules folder, without Quarkus: each stage, service inference and the full
 * stack.
 */
@Execution(ExecutionMode.CONCURRENT)
class StageRulesTest {
    private static final String FILE = "stages.drl";
    private static final String INFER_BARE_METAL =
            "Inference: a deal without a service but with bare-metal density is bare metal";
    private static final String INFER_COLOCATION =
            "Inference: a deal without a service and with colocation density is colocation";
    private static final String NO_EVIDENCE =
            "No stage evidence: a binding deal with neither a service nor a density";
    private static final String STAGE_ONE = "Stage one: a binding colocation deal";
    private static final String STAGE_TWO = "Stage two: a binding bare-metal deal";
    private static final String STAGE_THREE_DEAL = "Stage three: a binding managed-cloud deal";
    private static final String STAGE_THREE_CLOUD =
            "Stage three: an in-house GPU cloud with orchestration, scheduling and enterprise"
                    + " support";
    private static final String FULL_STACK =
            "Full stack: AI-dedicated power, bare metal and neocloud";

    @Test
    void reaches_colocation_with_a_binding_colocation_deal() {
        // USD 2.67 B over 100 MW for 15 years: USD 1.78 M/MW/yr, the note's colocation density
        OperatorProfile p =
                operator()
                        .deal(
                                binding("cw-1", "CoreWeave", NEOCLOUD)
                                        .value(2_670_000_000.0)
                                        .service(Service.COLOCATION)
                                        .size(100.0, 15.0))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.stages()).containsExactly(Stage.COLOCATION);
        assertThat(o.stage()).isEqualTo(Stage.COLOCATION);
        assertThat(o.stageEvidence().get(Stage.COLOCATION)).containsExactly("cw-1");
        assertThat(Fired.in(o, FILE)).containsExactly(STAGE_ONE);
        assertThat(Fired.message(o, STAGE_ONE, FILE))
                .isEqualTo(
                        "binding deal cw-1 with CoreWeave, a neocloud: colocation, USD 2.67 B at"
                                + " USD 1.78 M/MW/yr");
    }

    @Test
    void reaches_bare_metal_with_a_binding_bare_metal_deal() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("ms-1", "Microsoft", HYPERSCALER)
                                        .value(9_700_000_000.0)
                                        .service(Service.BARE_METAL)
                                        .size(200.0, 5.0))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.stages()).containsExactly(Stage.BARE_METAL);
        assertThat(o.stage()).isEqualTo(Stage.BARE_METAL);
        assertThat(Fired.in(o, FILE)).containsExactly(STAGE_TWO);
        assertThat(Fired.message(o, STAGE_TWO, FILE))
                .isEqualTo(
                        "binding deal ms-1 with Microsoft, a hyperscaler: bare metal, USD 9.7 B at"
                                + " USD 9.7 M/MW/yr");
    }

    @Test
    void reaches_neocloud_with_a_binding_managed_cloud_deal() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("oai-1", "OpenAI", AI_LAB)
                                        .value(550_000_000)
                                        .service(Service.MANAGED_CLOUD)
                                        .size(10.0, 5.0))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.stages()).containsExactly(Stage.NEOCLOUD);
        assertThat(o.stage()).isEqualTo(Stage.NEOCLOUD);
        assertThat(Fired.in(o, FILE)).containsExactly(STAGE_THREE_DEAL);
        assertThat(Fired.message(o, STAGE_THREE_DEAL, FILE))
                .isEqualTo(
                        "binding deal oai-1 with OpenAI, an AI lab: managed cloud, USD 550 M at USD"
                                + " 11 M/MW/yr");
    }

    @Test
    void
            reaches_neocloud_with_an_in_house_cloud_offering_orchestration_scheduling_and_enterprise_support() {
        OperatorProfile p = operator().gpuCloud(true, 10_900L, true, true, true).build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.stages()).containsExactly(Stage.NEOCLOUD);
        assertThat(o.stageEvidence().get(Stage.NEOCLOUD)).containsExactly("in-house GPU cloud");
        assertThat(Fired.in(o, FILE)).containsExactly(STAGE_THREE_CLOUD);
        assertThat(Fired.message(o, STAGE_THREE_CLOUD, FILE))
                .isEqualTo(
                        "in-house GPU cloud (10,900 GPUs) with container orchestration, scheduling"
                                + " and enterprise support");
    }

    @Test
    void does_not_reach_neocloud_with_an_in_house_cloud_lacking_enterprise_support() {
        OperatorProfile p = operator().gpuCloud(true, 2_000L, true, true, false).build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.stages()).isEmpty();
        assertThat(o.stage()).isNull();
        assertThat(Fired.in(o, FILE)).isEmpty();
    }

    @Test
    void does_not_reach_neocloud_with_a_cloud_that_is_not_in_house() {
        OperatorProfile p = operator().gpuCloud(false, 2_000L, true, true, true).build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.stages()).isEmpty();
        assertThat(Fired.in(o, FILE)).isEmpty();
    }

    @Test
    void gives_no_stage_for_non_binding_deals() {
        OperatorProfile p =
                operator()
                        .deal(
                                nonBinding("ms-loi", "Microsoft", HYPERSCALER)
                                        .value(1_000_000_000)
                                        .service(Service.BARE_METAL))
                        .deal(
                                nonBinding("oai-mou", "OpenAI", AI_LAB)
                                        .value(1_000_000_000)
                                        .service(Service.MANAGED_CLOUD))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.stages()).isEmpty();
        assertThat(Fired.in(o, FILE)).isEmpty();
    }

    @Test
    void reports_the_highest_stage_reached_and_every_stage_below_it() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("cw-1", "CoreWeave", NEOCLOUD)
                                        .value(1_000_000_000)
                                        .service(Service.COLOCATION))
                        .deal(
                                binding("ms-1", "Microsoft", HYPERSCALER)
                                        .value(1_000_000_000)
                                        .service(Service.BARE_METAL))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.stages()).containsExactly(Stage.COLOCATION, Stage.BARE_METAL);
        assertThat(o.stage()).isEqualTo(Stage.BARE_METAL);
        assertThat(Fired.in(o, FILE)).containsExactlyInAnyOrder(STAGE_ONE, STAGE_TWO);
    }

    @Test
    void infers_bare_metal_from_a_density_of_exactly_five_million() {
        // USD 1 B over 100 MW for 2 years = USD 5,000,000/MW/yr exactly
        OperatorProfile p =
                operator()
                        .deal(
                                binding("d-1", "Microsoft", HYPERSCALER)
                                        .value(1_000_000_000)
                                        .size(100.0, 2.0))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.stages()).containsExactly(Stage.BARE_METAL);
        assertThat(Fired.in(o, FILE)).containsExactly(INFER_BARE_METAL, STAGE_TWO);
        assertThat(Fired.message(o, INFER_BARE_METAL, FILE))
                .contains("deal d-1 with Microsoft states no service")
                .contains("priced USD 5 M/MW/yr, at least the USD 5 M/MW/yr of bare metal")
                .endsWith("so taken as bare metal");
    }

    @Test
    void infers_colocation_from_a_density_just_below_five_million() {
        // USD 999,999,999 over 100 MW for 2 years = USD 4,999,999.995/MW/yr
        OperatorProfile p =
                operator()
                        .deal(
                                binding("d-1", "Microsoft", HYPERSCALER)
                                        .value(999_999_999)
                                        .size(100.0, 2.0))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.stages()).containsExactly(Stage.COLOCATION);
        assertThat(Fired.in(o, FILE)).containsExactly(INFER_COLOCATION, STAGE_ONE);
        assertThat(Fired.message(o, INFER_COLOCATION, FILE))
                .contains("deal d-1 with Microsoft states no service")
                .contains(
                        "priced USD 4,999,999.995/MW/yr, below the USD 5,000,000/MW/yr of bare"
                                + " metal")
                .endsWith("so taken as colocation");
    }

    @Test
    void infers_colocation_from_the_notes_colocation_density() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("d-1", "CoreWeave", NEOCLOUD)
                                        .value(2_670_000_000.0)
                                        .size(100.0, 15.0))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.stages()).containsExactly(Stage.COLOCATION);
        assertThat(Fired.message(o, INFER_COLOCATION, FILE))
                .contains("priced USD 1.78 M/MW/yr, below the USD 5 M/MW/yr of bare metal");
    }

    @Test
    void keeps_a_stated_service_whatever_the_density() {
        // colocation at a bare-metal density stays colocation: inference is only for deals without
        // a service
        OperatorProfile p =
                operator()
                        .deal(
                                binding("d-1", "Microsoft", HYPERSCALER)
                                        .value(9_700_000_000.0)
                                        .service(Service.COLOCATION)
                                        .size(200.0, 5.0))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.stages()).containsExactly(Stage.COLOCATION);
        assertThat(Fired.in(o, FILE)).containsExactly(STAGE_ONE);
    }

    @Test
    void gives_no_stage_evidence_for_a_binding_deal_without_service_or_mw_and_says_so() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("d-1", "Microsoft", HYPERSCALER)
                                        .value(1_000_000_000)
                                        .size(null, 5.0))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.stages()).isEmpty();
        assertThat(o.stage()).isNull();
        assertThat(Fired.in(o, FILE)).containsExactly(NO_EVIDENCE);
        assertThat(Fired.message(o, NO_EVIDENCE, FILE))
                .isEqualTo(
                        "binding deal d-1 with Microsoft, a hyperscaler, states no service, and"
                                + " without its MW and term its price per MW is not known, so it"
                                + " shows no stage");
    }

    @Test
    void says_nothing_of_the_price_of_a_non_binding_deal_that_gives_no_stage() {
        OperatorProfile p =
                operator()
                        .deal(
                                nonBinding("loi", "Lambda", NEOCLOUD)
                                        .value(1_000_000_000)
                                        .size(100.0, 2.0))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.stages()).isEmpty();
        assertThat(Fired.in(o, FILE)).isEmpty();
    }

    @Test
    void a_binding_deal_below_the_minimum_order_shows_no_stage() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("tiny", "Microsoft", HYPERSCALER)
                                        .value(9_999_999)
                                        .service(Service.BARE_METAL)
                                        .size(1.0, 1.0))
                        .deal(
                                binding("order", "Microsoft", HYPERSCALER)
                                        .value(10_000_000)
                                        .service(Service.COLOCATION)
                                        .size(5.0, 1.0))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.stages()).containsExactly(Stage.COLOCATION);
        assertThat(o.stageEvidence().get(Stage.COLOCATION)).containsExactly("order");
        assertThat(o.risks()).doesNotContainKey(RiskCode.HARDWARE_OBSOLESCENCE);
    }

    @Test
    void gives_no_stage_evidence_for_a_binding_deal_without_service_or_term() {
        OperatorProfile p =
                operator()
                        .deal(
                                binding("d-1", "Microsoft", HYPERSCALER)
                                        .value(1_000_000_000)
                                        .size(100.0, null))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.stages()).isEmpty();
        assertThat(Fired.in(o, FILE)).containsExactly(NO_EVIDENCE);
    }

    @Test
    void is_full_stack_with_an_ai_dedicated_site_bare_metal_and_neocloud() {
        OperatorProfile p =
                operator()
                        .aiSite("Childress", "US", 750)
                        .gpuCloud(true, 10_900L, true, true, true)
                        .deal(
                                binding("ms-1", "Microsoft", HYPERSCALER)
                                        .value(9_700_000_000.0)
                                        .service(Service.BARE_METAL))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.fullStack()).isTrue();
        assertThat(o.stages()).containsExactly(Stage.BARE_METAL, Stage.NEOCLOUD);
        assertThat(Fired.message(o, FULL_STACK, FILE))
                .isEqualTo(
                        "all three layers: power (1 AI-dedicated site), hardware (bare metal) and"
                                + " cloud (neocloud)");
    }

    @Test
    void is_full_stack_with_an_inferred_bare_metal_deal_and_an_ai_site_outside_north_america() {
        OperatorProfile p =
                operator()
                        .aiSite("Tydal", "NO", 175)
                        .aiSite("Asuncion", "PY", 100)
                        .deal(
                                binding("d-1", "Microsoft", HYPERSCALER)
                                        .value(1_000_000_000)
                                        .size(20.0, 5.0))
                        .deal(
                                binding("d-2", "OpenAI", AI_LAB)
                                        .value(500_000_000)
                                        .service(Service.MANAGED_CLOUD))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.fullStack()).isTrue();
        assertThat(Fired.message(o, FULL_STACK, FILE))
                .startsWith("all three layers: power (2 AI-dedicated sites),");
    }

    @Test
    void is_not_full_stack_without_an_ai_dedicated_site() {
        OperatorProfile p =
                operator()
                        .miningSite("Rockdale", "US", 700)
                        .gpuCloud(true, 10_900L, true, true, true)
                        .deal(
                                binding("ms-1", "Microsoft", HYPERSCALER)
                                        .value(9_700_000_000.0)
                                        .service(Service.BARE_METAL))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.stages()).containsExactly(Stage.BARE_METAL, Stage.NEOCLOUD);
        assertThat(o.fullStack()).isFalse();
        assertThat(Fired.fired(o, FULL_STACK)).isFalse();
    }

    @Test
    void is_not_full_stack_without_bare_metal() {
        OperatorProfile p =
                operator()
                        .aiSite("Childress", "US", 750)
                        .gpuCloud(true, 10_900L, true, true, true)
                        .deal(
                                binding("cw-1", "CoreWeave", NEOCLOUD)
                                        .value(1_000_000_000)
                                        .service(Service.COLOCATION))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.stages()).containsExactly(Stage.COLOCATION, Stage.NEOCLOUD);
        assertThat(o.fullStack()).isFalse();
        assertThat(Fired.fired(o, FULL_STACK)).isFalse();
    }

    @Test
    void is_not_full_stack_without_neocloud() {
        OperatorProfile p =
                operator()
                        .aiSite("Childress", "US", 750)
                        .gpuCloud(true, 10_900L, true, true, false)
                        .deal(
                                binding("ms-1", "Microsoft", HYPERSCALER)
                                        .value(9_700_000_000.0)
                                        .service(Service.BARE_METAL))
                        .build();

        Outcome o = RulesFixture.classify(p);

        assertThat(o.stages()).containsExactly(Stage.BARE_METAL);
        assertThat(o.fullStack()).isFalse();
        assertThat(Fired.fired(o, FULL_STACK)).isFalse();
    }
}
