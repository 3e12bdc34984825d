package dev.tiering.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiering.engine.Classifier;
import dev.tiering.engine.RuleCompiler;
import dev.tiering.engine.RuleEngine;
import dev.tiering.engine.RuleSet;
import dev.tiering.engine.RuleSources;
import dev.tiering.engine.RulesFixture;
import dev.tiering.model.OperatorProfile;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Warming a candidate: it runs until its timings settle, within the budget, and does nothing when
 * off.
 */
class WarmerTest {
    private final Classifier classifier = new Classifier(new RuleEngine(10_000), Clock.systemUTC());
    private final RuleSet rules = new RuleCompiler().compile(RuleSources.read(RulesFixture.RULES));
    private final List<OperatorProfile> examples =
            List.of(
                    RulesFixture.example("IREN"),
                    RulesFixture.example("GLXY"),
                    RulesFixture.example("HASH"));

    @Test
    void classifies_round_after_round_until_no_round_is_faster_within_the_budget() {
        Duration budget = Duration.ofSeconds(20);
        long started = System.nanoTime();

        Warmer.Report report =
                new Warmer(classifier, () -> examples, budget).warm(rules, List.of());

        long took = (System.nanoTime() - started) / 1_000_000;
        assertThat(report.classifications()).isGreaterThan(Warmer.SETTLED_ROUNDS);
        assertThat(report.rounds()).isGreaterThanOrEqualTo(Warmer.SETTLED_ROUNDS + 1);
        assertThat(took).isLessThan(budget.toMillis() + 1000);
        if (report.settled()) {
            assertThat(report.lastMicros()).isLessThanOrEqualTo(report.firstMicros());
        }
    }

    @Test
    void stops_when_the_budget_is_spent_even_if_still_getting_faster() {
        Warmer.Report report =
                new Warmer(classifier, () -> examples, Duration.ofMillis(300))
                        .warm(rules, List.of());

        assertThat(report.millis()).isLessThan(1300);
        assertThat(report.classifications()).isPositive();
    }

    @Test
    void the_extra_profiles_are_classified_too_and_a_failing_sample_does_not_stop_it() {
        Warmer.Report report =
                new Warmer(
                                classifier,
                                () -> {
                                    throw new IllegalStateException("no database");
                                },
                                Duration.ofMillis(500))
                        .warm(rules, examples);

        assertThat(report.classifications()).isPositive();
    }

    @Test
    void a_zero_budget_or_nothing_to_classify_does_nothing() {
        AtomicInteger asked = new AtomicInteger();
        Warmer off =
                new Warmer(
                        classifier,
                        () -> {
                            asked.incrementAndGet();
                            return examples;
                        },
                        Duration.ZERO);

        assertThat(off.warm(rules, examples).classifications()).isZero();
        assertThat(asked).hasValue(0);
        assertThat(
                        new Warmer(classifier, List::of, Duration.ofSeconds(5))
                                .warm(rules, List.of())
                                .classifications())
                .isZero();
        assertThat(Warmer.NONE.warm(rules, examples).classifications()).isZero();
    }
}
