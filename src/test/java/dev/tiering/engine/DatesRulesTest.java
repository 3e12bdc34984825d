package dev.tiering.engine;

import static dev.tiering.engine.Profiles.binding;
import static dev.tiering.engine.Profiles.operator;
import static dev.tiering.model.CounterpartyType.CHIPMAKER;
import static dev.tiering.model.CounterpartyType.HYPERSCALER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiering.model.OperatorProfile;
import dev.tiering.model.RiskCode;
import dev.tiering.model.Service;
import dev.tiering.model.SiteStatus;
import dev.tiering.model.Stage;
import dev.tiering.model.Tier;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Every fact counts from its date (MODEL.md, model v3): a site from its {@code since}, the GPU
 * cloud from its {@code since} and its capabilities from {@code capabilitiesSince}, as deals
 * already did from {@code signed}; and the timeline has a date for each.
 */
@Execution(ExecutionMode.CONCURRENT)
class DatesRulesTest {
    private static final LocalDate MIRANTIS = LocalDate.of(2026, 5, 5);
    private static final LocalDate NVIDIA = LocalDate.of(2026, 5, 7);

    /**
     * IREN's shape: a cloud from before, its control plane from 2026-05-05, a site from 2025-11-03.
     */
    private static OperatorProfile iren() {
        return operator()
                .aiSiteSince("Childress", "US", 750, LocalDate.of(2025, 11, 3))
                .gpuCloudSince(23_000L, true, true, true, null, MIRANTIS)
                .deal(
                        binding("msft-2025", "Microsoft", HYPERSCALER)
                                .value(9_700_000_000.0)
                                .service(Service.BARE_METAL)
                                .size(200.0, 5.0)
                                .signed(LocalDate.of(2025, 11, 3)))
                .deal(
                        binding("nvda-2026", "NVIDIA", CHIPMAKER)
                                .value(3_400_000_000.0)
                                .service(Service.MANAGED_CLOUD)
                                .size(60.0, 5.0)
                                .signed(NVIDIA))
                .build();
    }

    @Test
    void a_cloud_is_no_neocloud_before_its_capabilities_date() {
        Outcome june2025 = RulesFixture.classify(iren(), LocalDate.of(2025, 6, 1));
        Outcome november2025 = RulesFixture.classify(iren(), LocalDate.of(2025, 11, 3));
        Outcome mirantis = RulesFixture.classify(iren(), MIRANTIS);

        // a GPU cloud it had, but no AI-dedicated site yet and no control plane: Tier 3, no stage
        assertThat(june2025.tier()).isEqualTo(Tier.TIER_3);
        assertThat(june2025.stages()).isEmpty();
        assertThat(november2025.stages()).containsExactly(Stage.BARE_METAL);
        assertThat(november2025.fullStack()).isFalse();
        assertThat(mirantis.stages()).containsExactly(Stage.BARE_METAL, Stage.NEOCLOUD);
        assertThat(mirantis.fullStack()).isTrue();
    }

    @Test
    void a_site_counts_from_its_date() {
        OperatorProfile p =
                operator()
                        .aiSiteSince("Sweetwater 1", "US", 1_400, LocalDate.of(2026, 5, 1))
                        .build();

        assertThat(RulesFixture.classify(p, LocalDate.of(2026, 4, 30)).tier())
                .isEqualTo(Tier.UNTIERED);
        assertThat(RulesFixture.classify(p, LocalDate.of(2026, 5, 1)).tier())
                .isEqualTo(Tier.TIER_3);
    }

    @Test
    void a_site_that_does_not_exist_yet_carries_no_grid_risk() {
        OperatorProfile p =
                operator()
                        .siteSince(
                                "Sweetwater 2",
                                "US",
                                600,
                                SiteStatus.AWAITING_INTERCONNECTION,
                                LocalDate.of(2025, 11, 6))
                        .build();

        assertThat(RulesFixture.classify(p, LocalDate.of(2025, 11, 5)).risks()).isEmpty();
        assertThat(RulesFixture.classify(p, LocalDate.of(2025, 11, 6)).risks())
                .containsOnlyKeys(RiskCode.GRID_INTERCONNECTION);
    }

    @Test
    void a_cloud_counts_from_its_date() {
        OperatorProfile p =
                operator()
                        .gpuCloudSince(2_000L, false, false, false, LocalDate.of(2024, 3, 1), null)
                        .build();

        Outcome before = RulesFixture.classify(p, LocalDate.of(2024, 2, 29));
        Outcome after = RulesFixture.classify(p, LocalDate.of(2024, 3, 1));

        assertThat(before.tier()).isEqualTo(Tier.UNTIERED);
        assertThat(before.risks()).isEmpty();
        assertThat(after.tier()).isEqualTo(Tier.TIER_3);
        assertThat(after.risks()).containsOnlyKeys(RiskCode.HARDWARE_OBSOLESCENCE);
    }

    @Test
    void the_timeline_has_a_date_for_every_fact_that_begins_or_ends() {
        OperatorProfile p = iren();

        assertThat(Timelines.events(p))
                .containsOnlyKeys(LocalDate.of(2025, 11, 3), MIRANTIS, NVIDIA)
                .containsEntry(
                        LocalDate.of(2025, 11, 3), List.of("signed msft-2025", "site Childress"))
                .containsEntry(MIRANTIS, List.of("GPU cloud capabilities"))
                .containsEntry(NVIDIA, List.of("signed nvda-2026"));
    }

    @Test
    void every_fact_counts_when_no_date_is_asked() {
        Outcome o = RulesFixture.classify(iren());

        assertThat(o.fullStack()).isTrue();
        assertThat(o.stage()).isEqualTo(Stage.NEOCLOUD);
    }
}
