package dev.tiering.engine;

import static dev.tiering.engine.Profiles.binding;
import static dev.tiering.engine.Profiles.operator;
import static dev.tiering.model.CounterpartyType.HYPERSCALER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiering.model.Classification;
import dev.tiering.model.Gap;
import dev.tiering.model.OperatorProfile;
import dev.tiering.model.Tier;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * No figure of an answer is rounded across the threshold it is compared with: in the metrics a
 * client reads, and in the words of the gaps and reasons.
 */
@Execution(ExecutionMode.CONCURRENT)
class ThresholdFiguresTest {
    private static final Classifier CLASSIFIER =
            new Classifier(
                    new RuleEngine(10_000),
                    Clock.fixed(Instant.parse("2026-05-31T12:00:00Z"), ZoneOffset.UTC));

    @Test
    void an_established_backlog_a_cent_short_of_a_billion_is_not_shown_as_a_billion() {
        OperatorProfile p =
                operator()
                        .aiSite("Childress", "US", 100)
                        .deal(binding("msft", "Microsoft", HYPERSCALER).value(999_999_999.99))
                        .build();

        Classification c = CLASSIFIER.classify(RulesFixture.rules(), p, null);

        assertThat(c.tier()).isEqualTo(Tier.TIER_2);
        assertThat(c.metrics().establishedBacklogUsd())
                .isEqualByComparingTo(new BigDecimal("999999999.99"));
        assertThat(c.metrics().bindingBacklogUsd())
                .isEqualByComparingTo(new BigDecimal("999999999.99"));
        Gap toTierOne = c.gaps().get(0);
        assertThat(toTierOne.toward()).isEqualTo("TIER_1");
        assertThat(toTierOne.message())
                .startsWith(
                        "established backlog USD 999,999,999.99, USD 0.01 short of USD"
                                + " 1,000,000,000:");
    }

    @Test
    void a_whole_backlog_keeps_no_decimals() {
        OperatorProfile p =
                operator()
                        .deal(binding("msft", "Microsoft", HYPERSCALER).value(9_700_000_000.0))
                        .build();

        Classification c = CLASSIFIER.classify(RulesFixture.rules(), p, null);

        assertThat(c.metrics().establishedBacklogUsd().toPlainString()).isEqualTo("9700000000");
    }

    @Test
    void a_sliver_of_north_american_ai_power_is_not_zero_megawatts() {
        OperatorProfile p = operator().aiSite("Pilot", "US", 0.04).build();

        Classification c = CLASSIFIER.classify(RulesFixture.rules(), p, null);

        assertThat(c.tier()).isEqualTo(Tier.TIER_3);
        assertThat(c.metrics().northAmericaAiMw()).isEqualTo(0.04);
        assertThat(c.reasons())
                .anySatisfy(r -> assertThat(r.message()).contains("0.04 MW"))
                .noneSatisfy(r -> assertThat(r.message()).contains(" 0 MW"));
    }

    @Test
    void a_share_just_below_the_concentration_cut_is_not_shown_at_it() {
        assertThat(dev.tiering.model.Metrics.figure(0.49999, 4))
                .isEqualByComparingTo(new BigDecimal("0.49999"));
        assertThat(dev.tiering.model.Metrics.figure(0.123456, 4))
                .isEqualByComparingTo(new BigDecimal("0.1235"));
    }
}
