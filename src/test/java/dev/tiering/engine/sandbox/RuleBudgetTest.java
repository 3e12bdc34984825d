package dev.tiering.engine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tiering.engine.Facts;
import dev.tiering.engine.RuleCompiler;
import dev.tiering.engine.RuleEngine;
import dev.tiering.engine.RuleSet;
import dev.tiering.engine.RuleSources;
import dev.tiering.engine.RulesFixture;
import dev.tiering.engine.RunawayRuleException;
import dev.tiering.model.Tier;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rules that compile but never end or fill the heap when they run ({@code
 * src/test/resources/attacks/runtime}): each classification that reaches one is stopped within its
 * budget, in this very process, with the rule's name and file, and the same engine goes on
 * classifying with good rules at once.
 */
class RuleBudgetTest {
    static Stream<String> rules() {
        return Attacks.runaways();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void is_stopped_naming_its_rule_and_the_engine_goes_on(String file) {
        Attacks.Runaway runaway = Attacks.Runaway.read(file);
        RuleSet hostile =
                new RuleCompiler()
                        .compile(
                                RuleSources.ofRules(
                                        Map.of(
                                                file,
                                                runaway.text().getBytes(StandardCharsets.UTF_8))));
        RuleEngine engine = new RuleEngine(10_000);
        Facts facts = Facts.of(RulesFixture.example("IREN"), null);

        RunawayRuleException e =
                catchThrowableOfType(
                        RunawayRuleException.class, () -> engine.classify(hostile, facts));

        assertThat(e).as(file + " ran to its end").isNotNull();
        assertThat(e.getMessage()).contains(runaway.stopped());
        assertThat(e.rule()).isEqualTo(runaway.rule());
        assertThat(e.file()).isEqualTo(file);
        assertThat(engine.classify(RulesFixture.rules(), facts).tier()).isEqualTo(Tier.TIER_1);
    }
}
