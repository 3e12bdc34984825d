package dev.tiering.engine.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiering.model.CounterpartyType;
import dev.tiering.model.DealStatus;
import dev.tiering.model.Service;
import dev.tiering.model.Tier;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The rule files' one formatter: MODEL.md's number style on awkward numbers, comparisons that read
 * true, words.
 */
@Execution(ExecutionMode.CONCURRENT)
class ProseTest {

    @Test
    void amounts_of_a_million_and_more_have_three_significant_figures_in_m_or_b() {
        assertThat(Prose.usd(9_700_000_000.0)).isEqualTo("USD 9.7 B");
        assertThat(Prose.usd(13_100_000_000.0)).isEqualTo("USD 13.1 B");
        assertThat(Prose.usd(311_000_000)).isEqualTo("USD 311 M");
        assertThat(Prose.usd(1_000_000_000)).isEqualTo("USD 1 B");
        assertThat(Prose.usd(11_333_333.33)).isEqualTo("USD 11.3 M");
        assertThat(Prose.usd(1_780_000)).isEqualTo("USD 1.78 M");
        assertThat(Prose.usd(1_785_000)).as("half up").isEqualTo("USD 1.79 M");
        assertThat(Prose.usd(10_076_923)).isEqualTo("USD 10.1 M");
        assertThat(Prose.usd(2_732_400_000.0)).isEqualTo("USD 2.73 B");
        assertThat(Prose.usd(10e12)).isEqualTo("USD 10,000 B");
    }

    @Test
    void amounts_that_round_up_to_the_next_unit_take_it() {
        assertThat(Prose.usd(999_999_999)).isEqualTo("USD 1 B");
        assertThat(Prose.usd(999_600_000)).isEqualTo("USD 1 B");
        assertThat(Prose.usd(999_400_000)).isEqualTo("USD 999 M");
        assertThat(Prose.usd(999_999.6)).isEqualTo("USD 1 M");
        assertThat(Prose.usd(9_996_000)).isEqualTo("USD 10 M");
    }

    @Test
    void amounts_below_a_million_are_whole_and_grouped() {
        assertThat(Prose.usd(999_999)).isEqualTo("USD 999,999");
        assertThat(Prose.usd(12_000)).isEqualTo("USD 12,000");
        assertThat(Prose.usd(1_000)).isEqualTo("USD 1,000");
        assertThat(Prose.usd(1_005)).isEqualTo("USD 1,005");
        assertThat(Prose.usd(0.499)).isEqualTo("USD 0");
        assertThat(Prose.usd(0)).isEqualTo("USD 0");
        assertThat(Prose.usd(-311_000_000)).isEqualTo("USD -311 M");
    }

    @Test
    void a_comparison_shows_as_many_figures_as_it_takes_to_read_true() {
        // the short forms would both be "USD 1 B": written in full
        assertThat(Prose.usd(999_999_999, 1e9)).isEqualTo("USD 999,999,999");
        assertThat(Prose.usd(1e9, 999_999_999)).isEqualTo("USD 1,000,000,000");
        // one more figure does it
        assertThat(Prose.usd(1.234e9, 1.2349e9)).isEqualTo("USD 1.234 B");
        assertThat(Prose.usd(1.2349e9, 1.234e9)).isEqualTo("USD 1.235 B");
        // apart already, or equal: the short form
        assertThat(Prose.usd(9.7e9, 1e9)).isEqualTo("USD 9.7 B");
        assertThat(Prose.usd(1e9, 1e9)).isEqualTo("USD 1 B");
        assertThat(Prose.density(4_999_999.99, 5e6)).isEqualTo("USD 4,999,999.99/MW/yr");
        // to the cent both would be 5,000,000.00: one more decimal
        assertThat(Prose.density(4_999_999.995, 5e6)).isEqualTo("USD 4,999,999.995/MW/yr");
        assertThat(Prose.density(5e6, 4_999_999.995)).isEqualTo("USD 5,000,000/MW/yr");
        assertThat(Prose.density(11_333_333.33, 11e6)).isEqualTo("USD 11.3 M/MW/yr");
        assertThat(Prose.pct(0.499, 0.5)).isEqualTo("49.9 %");
        assertThat(Prose.pct(0.5, 0.499)).isEqualTo("50 %");
        assertThat(Prose.pct(0.4999999, 0.5)).isEqualTo("49.99999 %");
        assertThat(Prose.mw(0.04, 0)).isEqualTo("0.04 MW");
        assertThat(Prose.mw(100, 99.96)).isEqualTo("100 MW");
        assertThat(Prose.mw(99.96, 100)).isEqualTo("99.96 MW");
    }

    @Test
    void prices_mw_shares_and_counts_in_the_notes_style() {
        assertThat(Prose.density(11_333_333.33)).isEqualTo("USD 11.3 M/MW/yr");
        assertThat(Prose.density(9_700_000.0)).isEqualTo("USD 9.7 M/MW/yr");
        assertThat(Prose.density(null)).isEqualTo("not known");
        assertThat(Prose.mw(2_150)).isEqualTo("2,150 MW");
        assertThat(Prose.mw(7.2)).isEqualTo("7.2 MW");
        assertThat(Prose.mw(999_999)).isEqualTo("999,999 MW");
        assertThat(Prose.mw(0.1)).isEqualTo("0.1 MW");
        assertThat(Prose.pct(0.7405)).isEqualTo("74 %");
        assertThat(Prose.pct(0.499)).isEqualTo("50 %");
        assertThat(Prose.pct(1)).isEqualTo("100 %");
        assertThat(Prose.number(11_333_333.33)).isEqualTo("11,333,333.3");
        assertThat(Prose.count(1, "binding deal")).isEqualTo("1 binding deal");
        assertThat(Prose.count(2, "binding deal")).isEqualTo("2 binding deals");
        assertThat(Prose.count(0, "binding deal")).isEqualTo("0 binding deals");
        assertThat(Prose.count(1_000, "site")).isEqualTo("1,000 sites");
        assertThat(Prose.gpus(23_000L)).isEqualTo("23,000 GPUs");
        assertThat(Prose.gpus(1L)).isEqualTo("1 GPU");
        assertThat(Prose.gpus(0L)).isEqualTo("no GPUs");
        assertThat(Prose.gpus(null)).isEqualTo("GPU count not disclosed");
    }

    @Test
    void codes_read_as_words() {
        assertThat(Prose.tier(Tier.TIER_1)).isEqualTo("Tier 1");
        assertThat(Prose.service(Service.MANAGED_CLOUD)).isEqualTo("managed cloud");
        assertThat(Prose.kind(CounterpartyType.AI_LAB)).isEqualTo("an AI lab");
        assertThat(Prose.establishedKinds()).isEqualTo("a hyperscaler, an AI lab or an enterprise");
        assertThat(Prose.and(List.of("a", "b", "c"))).isEqualTo("a, b and c");
        assertThat(Prose.either(List.of("a"))).isEqualTo("a");
    }

    @Test
    void a_customer_is_named_with_its_kind_and_a_guarantee_as_one() {
        assertThat(
                        Prose.customer(
                                deal(
                                        "msft",
                                        "Microsoft",
                                        CounterpartyType.HYPERSCALER,
                                        null,
                                        null)))
                .isEqualTo("Microsoft, a hyperscaler");
        assertThat(
                        Prose.customer(
                                deal(
                                        "fs",
                                        "Fluidstack",
                                        CounterpartyType.NEOCLOUD,
                                        "Google",
                                        CounterpartyType.HYPERSCALER)))
                .isEqualTo("Fluidstack, backed by Google as guarantor");
        assertThat(
                        Prose.customer(
                                deal(
                                        "fs",
                                        "Fluidstack",
                                        CounterpartyType.NEOCLOUD,
                                        null,
                                        CounterpartyType.HYPERSCALER)))
                .isEqualTo("Fluidstack, backed by a hyperscaler as guarantor");
        assertThat(
                        Prose.customer(
                                deal(
                                        "fs",
                                        "Fluidstack",
                                        CounterpartyType.NEOCLOUD,
                                        "NVIDIA",
                                        CounterpartyType.CHIPMAKER)))
                .isEqualTo("Fluidstack, a neocloud, with NVIDIA, a chipmaker, as guarantor");
        assertThat(Prose.customer(deal("x", "Undisclosed", CounterpartyType.OTHER, null, null)))
                .isEqualTo("Undisclosed, a customer of another kind");
    }

    @Test
    void customers_are_grouped_largest_first_with_their_deals() {
        DealFact aws =
                deal(
                        "aws-2025",
                        "Amazon Web Services",
                        CounterpartyType.HYPERSCALER,
                        null,
                        null,
                        5.5e9);
        DealFact nv1 = deal("nv-1", "NVIDIA", CounterpartyType.CHIPMAKER, null, null, 3.7e9);
        DealFact nv2 =
                deal("nv-2", "NVIDIA Corporation", CounterpartyType.CHIPMAKER, null, null, 9.5e9);

        assertThat(Prose.customers(List.of(aws)))
                .isEqualTo("Amazon Web Services, a hyperscaler, deal aws-2025");
        // "NVIDIA" and "NVIDIA Corporation" are one customer
        assertThat(Prose.customers(List.of(nv1, aws, nv2)))
                .isEqualTo(
                        "NVIDIA Corporation, a chipmaker, deals nv-2 (USD 9.5 B) and nv-1 (USD"
                                + " 3.7 B); Amazon Web Services, a hyperscaler, deal aws-2025 (USD"
                                + " 5.5 B)");
    }

    @Test
    void a_deal_established_through_its_guarantor_says_for_how_much() {
        DealFact partly = guaranteed("fs-1", 3.7e9, 1.8e9);
        DealFact undisclosed = guaranteed("fs-2", 7e9, null);

        assertThat(Prose.customers(List.of(partly)))
                .isEqualTo(
                        "Fluidstack, backed by Google as guarantor, deal fs-1 (USD 1.8 B of USD 3.7"
                                + " B guaranteed)");
        assertThat(Prose.customers(List.of(undisclosed)))
                .isEqualTo(
                        "Fluidstack, backed by Google as guarantor, deal fs-2 (USD 7 B, guarantee"
                                + " amount not disclosed)");
        assertThat(partly.getEstablishedUsd()).isEqualTo(1.8e9);
        assertThat(undisclosed.getEstablishedUsd()).isEqualTo(7e9);
    }

    @Test
    void a_name_that_says_its_kind_is_not_told_it_again() {
        assertThat(
                        Prose.customer(
                                deal(
                                        "pf2",
                                        "Undisclosed investment-grade hyperscaler",
                                        CounterpartyType.HYPERSCALER,
                                        null,
                                        null)))
                .isEqualTo("Undisclosed investment-grade hyperscaler");
    }

    @Test
    void an_estimated_value_in_a_list_reads_about() {
        DealFact estimate =
                new DealFact(
                        "rest",
                        "Undisclosed tenant",
                        CounterpartyType.OTHER,
                        null,
                        null,
                        null,
                        Service.COLOCATION,
                        DealStatus.BINDING,
                        2.8e9,
                        15.0,
                        100.0,
                        2.8e9 / 1500,
                        null,
                        null,
                        0,
                        new DealFact.Estimates(true, false, false, false));

        assertThat(Prose.customers(List.of(estimate)))
                .isEqualTo(
                        "Undisclosed tenant, a customer of another kind, deal rest (about USD 2.8"
                                + " B, an estimate)");
        assertThat(Prose.say("{value}", estimate.value())).isEqualTo("about USD 2.8 B (estimate)");
    }

    private static DealFact guaranteed(String id, double value, Double guaranteed) {
        return new DealFact(
                id,
                "Fluidstack",
                CounterpartyType.NEOCLOUD,
                "Google",
                CounterpartyType.HYPERSCALER,
                guaranteed,
                Service.COLOCATION,
                DealStatus.BINDING,
                value,
                10.0,
                100.0,
                value / 1000,
                null,
                null,
                0,
                DealFact.Estimates.NONE);
    }

    @Test
    void a_template_takes_its_values_in_the_order_its_slot_names_first_appear() {
        assertThat(
                        Prose.say(
                                "{ticker} is {tier}: {sites}, {kinds}, from {date}; {ticker} again",
                                "BTDR",
                                Tier.TIER_3,
                                Figure.count(2, "AI-dedicated site"),
                                List.of("a", "b", "c"),
                                LocalDate.of(2026, 5, 7)))
                .isEqualTo(
                        "BTDR is Tier 3: 2 AI-dedicated sites, a, b and c, from 2026-05-07; BTDR"
                                + " again");
        assertThat(Prose.say("no slot {here is none} {}, {1x}"))
                .isEqualTo("no slot {here is none} {}, {1x}");
    }

    @Test
    void a_template_refuses_values_that_do_not_match_its_slots_or_a_number_without_its_unit() {
        assertThatThrownBy(() -> Prose.say("{a} and {b}", Figure.usd(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{a} and {b}")
                .hasMessageContaining("2 slots")
                .hasMessageContaining("1 value");
        assertThatThrownBy(() -> Prose.say("{a}", 5.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Figure.usd");
    }

    @Test
    void figures_of_one_unit_in_a_message_read_apart_from_each_other() {
        assertThat(
                        Prose.say(
                                "{backlog} ≥ {threshold}, {missing} short, {other}",
                                Figure.usd(999_999_999),
                                Figure.usd(1e9),
                                Figure.usd(1),
                                Figure.usd(9.7e9)))
                .isEqualTo("USD 999,999,999 ≥ USD 1,000,000,000, USD 1 short, USD 9.7 B");
        // equal figures need nothing more than the short form
        assertThat(Prose.say("{a} and {b}", Figure.usd(1e9), Figure.usd(1e9)))
                .isEqualTo("USD 1 B and USD 1 B");
        assertThat(Prose.say("{a} below {b}", Figure.density(4_999_999.995), Figure.density(5e6)))
                .isEqualTo("USD 4,999,999.995/MW/yr below USD 5,000,000/MW/yr");
        assertThat(Prose.say("{a} below {b}", Figure.share(0.499), Figure.share(0.5)))
                .isEqualTo("49.9 % below 50 %");
        assertThat(Prose.say("{a}, at least {b}", Figure.mw(99.96), Figure.mw(100)))
                .isEqualTo("99.96 MW, at least 100 MW");
        // units do not mix: USD and MW of the same value are each written in their own way
        assertThat(Prose.say("{a} and {b}", Figure.usd(1e9), Figure.density(999_999_999)))
                .isEqualTo("USD 1 B and USD 1 B/MW/yr");
    }

    @Test
    void a_figure_that_is_not_zero_never_reads_as_zero() {
        assertThat(Prose.say("{missing} short", Figure.usd(0.01))).isEqualTo("USD 0.01 short");
        assertThat(Prose.say("{power}", Figure.mw(0.04))).isEqualTo("0.04 MW");
        assertThat(Prose.say("{share}", Figure.share(0.004))).isEqualTo("0.4 %");
        assertThat(Prose.say("{zero}", Figure.usd(0))).isEqualTo("USD 0");
    }

    @Test
    void an_estimate_reads_about_and_says_so() {
        assertThat(Prose.say("{value}", new Figure.Usd(2.8e9, true)))
                .isEqualTo("about USD 2.8 B (estimate)");
        assertThat(Prose.say("deal x ({value})", new Figure.Usd(3.2e8, true)))
                .as("in brackets of its own")
                .isEqualTo("deal x (about USD 320 M, an estimate)");
        assertThat(Prose.say("{gpus}", new Figure.Gpus(23_000L, true)))
                .isEqualTo("about 23,000 GPUs (estimate)");
        assertThat(Prose.say("{gpus}", new Figure.Gpus(null, true)))
                .as("a count not given is no estimate")
                .isEqualTo("GPU count not disclosed");
    }

    @Test
    void a_site_is_written_with_its_size_and_country_in_one_pair_of_brackets() {
        assertThat(Prose.say("site {site}", new Figure.Site("Sweetwater 2", Figure.mw(600), "US")))
                .isEqualTo("site Sweetwater 2 (600 MW, US)");
        assertThat(
                        Prose.say(
                                "site {site}",
                                new Figure.Site("Colchis (JV with AEP)", Figure.mw(1000), "US")))
                .isEqualTo("site Colchis (JV with AEP; 1,000 MW, US)");
        assertThat(Prose.say("site {site}", new Figure.Site(null, Figure.mw(5), "US")))
                .isEqualTo("site without a name (5 MW, US)");
    }

    private static DealFact deal(
            String id,
            String counterparty,
            CounterpartyType type,
            String guarantor,
            CounterpartyType guarantorType) {
        return deal(id, counterparty, type, guarantor, guarantorType, 1e9);
    }

    private static DealFact deal(
            String id,
            String counterparty,
            CounterpartyType type,
            String guarantor,
            CounterpartyType guarantorType,
            double value) {
        return new DealFact(
                id,
                counterparty,
                type,
                guarantor,
                guarantorType,
                Service.COLOCATION,
                DealStatus.BINDING,
                value,
                10.0,
                100.0,
                value / 1000,
                null,
                null);
    }
}
