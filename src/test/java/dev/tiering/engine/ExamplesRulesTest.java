package dev.tiering.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiering.model.RiskCode;
import dev.tiering.model.Stage;
import dev.tiering.model.Tier;
import org.junit.jupiter.api.Test;

/** The four shipped examples through the real rule files, with the outcomes of examples/expected.md. */
class ExamplesRulesTest {

    @Test
    void iren_is_a_full_stack_tier_one_neocloud() {
        Outcome o = RulesFixture.classify(RulesFixture.example("IREN"));
        assertThat(o.tier()).isEqualTo(Tier.TIER_1);
        assertThat(o.stage()).isEqualTo(Stage.NEOCLOUD);
        assertThat(o.stages()).containsExactly(Stage.BARE_METAL, Stage.NEOCLOUD);
        assertThat(o.fullStack()).isTrue();
        assertThat(o.risks().keySet()).containsExactly(RiskCode.COUNTERPARTY_CONCENTRATION,
                RiskCode.HARDWARE_OBSOLESCENCE, RiskCode.CRYPTO_EXPOSURE);
        assertThat(o.reasons()).anySatisfy(r -> {
            assertThat(r.rule()).isEqualTo("Tier one: massive binding orders from established customers");
            assertThat(r.file()).isEqualTo("tiers.drl");
            assertThat(r.message()).isEqualTo("established backlog USD 9.7 B ≥ USD 1 B: Microsoft, a hyperscaler, deal msft-2025");
        });
    }
}
