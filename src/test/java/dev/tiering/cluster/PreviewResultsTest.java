package dev.tiering.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiering.model.Tier;
import dev.tiering.store.ClassificationRow;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * What a preview keeps is handed back only for the operator as it was read, by the same rules, the
 * same day.
 */
@Execution(ExecutionMode.CONCURRENT)
class PreviewResultsTest {
    private static final LocalDate DAY = LocalDate.of(2026, 12, 2);
    private static final String PROFILE = "{\"ticker\":\"IREN\",\"deals\":[]}";

    private final PreviewResults results = new PreviewResults();

    @Test
    void a_kept_answer_is_handed_back_for_the_row_as_read() {
        ClassificationRow answer = row("IREN");
        results.begin("v2", DAY).keep(41, answer);

        assertThat(results.kept("IREN", 41, "v2", DAY)).isSameAs(answer);
        assertThat(results.kept("IREN", 42, "v2", DAY)).as("written since").isNull();
        assertThat(results.kept("HUT", 41, "v2", DAY)).as("another operator").isNull();
        assertThat(results.kept("IREN", 41, "v3", DAY)).as("other rules").isNull();
        assertThat(results.kept("IREN", 41, "v2", DAY.plusDays(1))).as("the next day").isNull();
        results.release();
        assertThat(results.kept("IREN", 41, "v2", DAY)).as("released").isNull();
    }

    @Test
    void timeline_tiers_are_kept_per_rule_set_and_profile() {
        Tier[] tiers = {Tier.TIER_2, Tier.TIER_1};
        results.keepTiers("v1", "IREN", PROFILE, tiers);
        results.keepTiers("v2", "IREN", PROFILE, tiers);
        results.keepTiers("v3", "IREN", PROFILE, tiers);

        assertThat(results.tiers("v1", "IREN", PROFILE)).isSameAs(tiers);
        assertThat(results.tiers("v1", "IREN", PROFILE.replace("[]", "[ ]"))).isNull();
        assertThat(results.tiers("v1", "HUT", PROFILE)).isNull();
        results.retainTiers("v2", "v3");
        assertThat(results.tiers("v1", "IREN", PROFILE)).isNull();
        assertThat(results.tiers("v3", "IREN", PROFILE)).isSameAs(tiers);
    }

    @Test
    void at_most_so_many_answers_are_kept_from_one_preview() {
        PreviewResults.Batch batch = results.begin("v2", DAY);
        for (int i = 0; i <= PreviewResults.KEEP; i++) {
            batch.keep(i, row("T" + i));
        }
        assertThat(batch.byTicker).hasSize(PreviewResults.KEEP);
    }

    private static ClassificationRow row(String ticker) {
        return new ClassificationRow(
                ticker, Tier.TIER_1, null, false, "", 0, 0, false, 0, 7, "v2", DAY, 0, 3);
    }
}
