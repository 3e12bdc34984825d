package dev.tiering.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiering.model.Classification;
import dev.tiering.model.Tier;
import dev.tiering.store.OperatorRow;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a preview keeps is handed back only for the operator as it was read, by the same rules, the
 * same day.
 */
class PreviewResultsTest {
    private static final LocalDate DAY = LocalDate.of(2026, 12, 2);
    private static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");
    private static final String PROFILE = "{\"ticker\":\"IREN\",\"deals\":[]}";

    private final PreviewResults results = new PreviewResults();
    private final Classification classification =
            new Classification(
                    "IREN",
                    Tier.TIER_1,
                    null,
                    List.of(),
                    false,
                    null,
                    List.of(),
                    List.of(),
                    List.of(),
                    null,
                    null);

    @Test
    void a_kept_classification_is_handed_back_for_the_row_as_read() {
        results.begin("v2", DAY).keep(row(AT, PROFILE), classification);

        assertThat(results.kept(row(AT, PROFILE), "v2", DAY)).isSameAs(classification);
        assertThat(results.kept(row(AT.plusMillis(1), PROFILE), "v2", DAY))
                .as("written since")
                .isNull();
        assertThat(results.kept(row(AT, PROFILE.replace("[]", "[ ]")), "v2", DAY))
                .as("profile changed")
                .isNull();
        assertThat(results.kept(row(AT, PROFILE), "v3", DAY)).as("other rules").isNull();
        assertThat(results.kept(row(AT, PROFILE), "v2", DAY.plusDays(1)))
                .as("the next day")
                .isNull();
        results.release();
        assertThat(results.kept(row(AT, PROFILE), "v2", DAY)).as("released").isNull();
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
    void at_most_so_many_classifications_are_kept_from_one_preview() {
        PreviewResults.Batch batch = results.begin("v2", DAY);
        for (int i = 0; i <= PreviewResults.KEEP; i++) {
            batch.keep(
                    new OperatorRow(
                            "T" + i,
                            "n",
                            PROFILE,
                            Tier.TIER_1,
                            null,
                            false,
                            "",
                            "{}",
                            "v1",
                            DAY,
                            AT),
                    classification);
        }
        assertThat(batch.byTicker).hasSize(PreviewResults.KEEP);
    }

    private static OperatorRow row(Instant updatedAt, String profile) {
        return new OperatorRow(
                "IREN",
                "IREN Limited",
                profile,
                Tier.TIER_2,
                null,
                false,
                "",
                "{}",
                "v1",
                DAY,
                updatedAt);
    }
}
