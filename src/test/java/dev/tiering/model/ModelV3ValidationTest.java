package dev.tiering.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * What model v3 refuses, and where the refusal points: a deal of USD 0, half a guarantee, a
 * guaranteed part larger than the deal, a density no deal has, an estimate of nothing.
 */
@Execution(ExecutionMode.CONCURRENT)
class ModelV3ValidationTest {
    private final ProfileValidator validator = new ProfileValidator();

    private static Deal deal(
            String guarantor, CounterpartyType guarantorType, Double guaranteed, double value) {
        return new Deal(
                "d1",
                "Fluidstack",
                CounterpartyType.NEOCLOUD,
                guarantor,
                guarantorType,
                guaranteed,
                Service.COLOCATION,
                DealStatus.BINDING,
                value,
                10.0,
                100.0,
                null,
                null,
                null,
                LocalDate.of(2025, 9, 25),
                null);
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    private static OperatorProfile profile(List<Deal> deals, List<String> estimates) {
        return new OperatorProfile(
                "CIFR",
                "Cipher",
                List.of(new Site("Barber Lake", "US", 300.0, true, SiteStatus.ENERGIZED)),
                new GpuCloud(true, null, false, false, false),
                0.5,
                deals,
                estimates);
    }

    @Test
    void a_deal_of_usd_zero_is_refused_on_its_value() {
        assertThat(fields(validator.dealErrors(deal(null, null, null, 0), "deals[0]")))
                .contains("deals[0].valueUsd");
    }

    @Test
    void a_guarantor_and_its_type_come_together() {
        assertThat(fields(validator.dealErrors(deal("Google", null, null, 3e9), "")))
                .containsExactly("guarantorType");
        assertThat(
                        fields(
                                validator.dealErrors(
                                        deal(null, CounterpartyType.HYPERSCALER, null, 3e9), "")))
                .containsExactly("guarantor");
        assertThat(
                        validator.dealErrors(
                                deal("Google", CounterpartyType.HYPERSCALER, null, 3e9), ""))
                .isEmpty();
    }

    @Test
    void a_guaranteed_part_is_above_zero_at_most_the_value_and_needs_a_guarantor() {
        assertThat(
                        validator.dealErrors(
                                deal("Google", CounterpartyType.HYPERSCALER, 1.4e9, 3e9), ""))
                .isEmpty();
        assertThat(validator.dealErrors(deal("Google", CounterpartyType.HYPERSCALER, 3e9, 3e9), ""))
                .isEmpty();
        assertThat(
                        fields(
                                validator.dealErrors(
                                        deal("Google", CounterpartyType.HYPERSCALER, 3.1e9, 3e9),
                                        "")))
                .containsExactly("guaranteedUsd");
        assertThat(
                        fields(
                                validator.dealErrors(
                                        deal("Google", CounterpartyType.HYPERSCALER, 0.0, 3e9),
                                        "")))
                .containsExactly("guaranteedUsd");
        assertThat(fields(validator.dealErrors(deal(null, null, 1e9, 3e9), "")))
                .containsExactly("guaranteedUsd");
    }

    @Test
    void a_density_outside_the_configured_band_is_refused_on_the_value_and_says_the_band() {
        // 100 MW for 10 years: USD 1,000 is USD 1 per MW-year, USD 2 T is USD 2 B per MW-year
        List<FieldError> low = validator.dealErrors(deal(null, null, null, 1000), "deals[3]");
        assertThat(fields(low)).containsExactly("deals[3].valueUsd");
        assertThat(low.get(0).message())
                .isEqualTo(
                        "gives a density of USD 1 per MW-year (valueUsd / (mw × termYears)),"
                                + " outside the plausible USD 10,000 to USD 1,000,000,000");
        assertThat(fields(validator.dealErrors(deal(null, null, null, 2e12), "")))
                .containsExactly("valueUsd");
        // at the edges of the band: accepted
        assertThat(validator.dealErrors(deal(null, null, null, 1e7), "")).isEmpty();
        assertThat(validator.dealErrors(deal(null, null, null, 1e12), "")).isEmpty();
        // a narrower band from configuration
        ProfileValidator strict =
                new ProfileValidator(new ProfileLimits(500, 500, 200, 1_000_000, 20_000_000));
        assertThat(fields(strict.dealErrors(deal(null, null, null, 5e8), "")))
                .containsExactly("valueUsd");
        assertThat(strict.dealErrors(deal(null, null, null, 5e9), "")).isEmpty();
    }

    @Test
    void an_estimate_must_point_at_a_fact_the_profile_gives() {
        Deal d = deal("Google", CounterpartyType.HYPERSCALER, null, 3e9);
        assertThat(
                        validator.errors(
                                profile(
                                        List.of(d),
                                        List.of(
                                                "miningRevenueShare",
                                                "sites[0].mw",
                                                "deals[0]",
                                                "deals[0].valueUsd",
                                                "gpuCloud")),
                                ""))
                .isEmpty();
        assertThat(
                        fields(
                                validator.errors(
                                        profile(
                                                List.of(d),
                                                List.of(
                                                        "deals[1].valueUsd",
                                                        "deals[0].guaranteedUsd",
                                                        "gpuCloud.gpus",
                                                        "sites[0].colour",
                                                        "deals[0]x")),
                                        "")))
                .containsExactly(
                        "estimates[0]",
                        "estimates[1]",
                        "estimates[2]",
                        "estimates[3]",
                        "estimates[4]");
    }

    @Test
    void an_estimate_follows_its_deal_by_id_and_goes_with_it() {
        Deal a = deal("Google", CounterpartyType.HYPERSCALER, null, 3e9);
        Deal b =
                new Deal(
                        "d2",
                        "AWS",
                        CounterpartyType.HYPERSCALER,
                        null,
                        null,
                        Service.COLOCATION,
                        DealStatus.BINDING,
                        5.5e9,
                        15.0,
                        300.0,
                        null,
                        null,
                        null,
                        null,
                        null);
        OperatorProfile p =
                profile(List.of(a, b), List.of("deals[1].valueUsd", "deals[0]", "sites[0].mw"));

        assertThat(p.withDeals(List.of(b)).estimates())
                .containsExactly("deals[0].valueUsd", "sites[0].mw");
        assertThat(p.withDeals(List.of(b, a)).estimates())
                .containsExactly("deals[0].valueUsd", "deals[1]", "sites[0].mw");
    }

    @Test
    void counterparties_are_one_without_case_punctuation_and_legal_suffixes() {
        assertThat(Counterparties.key("CoreWeave, Inc."))
                .isEqualTo(Counterparties.key("CoreWeave"));
        assertThat(Counterparties.key("MICROSOFT CORP")).isEqualTo(Counterparties.key("Microsoft"));
        assertThat(Counterparties.key("Nebius Group N.V.")).isEqualTo("nebius group nv");
        assertThat(Counterparties.key("Iris Energy S.A."))
                .isEqualTo(Counterparties.key("Iris Energy"));
        // a name that is only a suffix keeps it
        assertThat(Counterparties.key("AG")).isEqualTo("ag");
        assertThat(Counterparties.key("Lambda")).isNotEqualTo(Counterparties.key("Lambda Labs"));
    }
}
