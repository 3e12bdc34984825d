package dev.tiering.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiering.model.Gap;
import dev.tiering.model.RiskCode;
import dev.tiering.model.Stage;
import dev.tiering.model.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The four shipped examples through the real rule files, with the outcomes and gaps of
 * examples/expected.md.
 */
@Execution(ExecutionMode.CONCURRENT)
class ExamplesRulesTest {

    @Test
    void iren_is_a_full_stack_tier_one_neocloud() {
        Outcome o = RulesFixture.classify(RulesFixture.example("IREN"));
        assertThat(o.tier()).isEqualTo(Tier.TIER_1);
        assertThat(o.stage()).isEqualTo(Stage.NEOCLOUD);
        assertThat(o.stages()).containsExactly(Stage.BARE_METAL, Stage.NEOCLOUD);
        assertThat(o.fullStack()).isTrue();
        assertThat(o.risks().keySet())
                .containsExactly(
                        RiskCode.COUNTERPARTY_CONCENTRATION,
                        RiskCode.HARDWARE_OBSOLESCENCE,
                        RiskCode.CRYPTO_EXPOSURE);
        assertThat(o.reasons())
                .anySatisfy(
                        r -> {
                            assertThat(r.rule())
                                    .isEqualTo(
                                            "Tier one: massive binding orders from established"
                                                    + " customers");
                            assertThat(r.file()).isEqualTo("tiers.drl");
                            assertThat(r.message())
                                    .isEqualTo(
                                            "established backlog USD 9.7 B ≥ USD 1 B: Microsoft, a"
                                                    + " hyperscaler, deal msft-2025");
                        });
    }

    @Test
    void glxy_is_tier_two_with_no_established_backlog_and_an_upside_at_its_own_price() {
        Outcome o = RulesFixture.classify(RulesFixture.example("GLXY"));
        assertThat(o.tier()).isEqualTo(Tier.TIER_2);
        assertThat(o.stages()).containsExactly(Stage.COLOCATION);
        assertThat(o.risks().keySet()).containsExactly(RiskCode.COUNTERPARTY_CONCENTRATION);
        // its own USD 1.25 M/MW/yr, not the note's USD 1.78 M
        assertThat(o.conversionUpsideUsdPerYear())
                .isEqualTo(800 * (9_700_000.0 - 15_000_000_000.0 / (800 * 15)));
        assertThat(o.gaps())
                .extracting(Gap::toward)
                .containsExactly("TIER_1", "BARE_METAL", "NEOCLOUD");
        assertThat(o.gaps().get(0).message())
                .isEqualTo(
                        "a binding deal with a hyperscaler, an AI lab or an enterprise (directly or"
                            + " as guarantor) of at least USD 1 B; none of the binding backlog of"
                            + " USD 15 B is with one");
    }

    @Test
    void btdr_is_tier_three_and_pointed_at_its_letter_of_intent() {
        Outcome o = RulesFixture.classify(RulesFixture.example("BTDR"));
        assertThat(o.tier()).isEqualTo(Tier.TIER_3);
        assertThat(o.stage()).isNull();
        assertThat(o.risks().keySet())
                .containsExactly(RiskCode.HARDWARE_OBSOLESCENCE, RiskCode.CRYPTO_EXPOSURE);
        assertThat(o.gaps())
                .extracting(Gap::toward)
                .containsExactly("TIER_2", "BARE_METAL", "NEOCLOUD");
        assertThat(o.gaps().get(0).message())
                .isEqualTo(
                        "a binding deal; the largest non-binding one, tydal-lease with Undisclosed,"
                                + " a customer of another kind (USD 150 M), would count once"
                                + " binding");
    }

    @Test
    void hash_is_untiered_and_told_both_ways_up() {
        Outcome o = RulesFixture.classify(RulesFixture.example("HASH"));
        assertThat(o.tier()).isEqualTo(Tier.UNTIERED);
        assertThat(o.risks().keySet()).containsExactly(RiskCode.CRYPTO_EXPOSURE);
        assertThat(o.gaps())
                .extracting(Gap::toward)
                .containsExactly("TIER_3", "TIER_2", "BARE_METAL", "NEOCLOUD");
        assertThat(o.conversionUpsideUsdPerYear()).isZero();
    }
}
