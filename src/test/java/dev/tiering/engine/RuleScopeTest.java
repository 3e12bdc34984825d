package dev.tiering.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Which rules of the real folder a scenario can fire: all but the screen's, told apart by what they
 * match.
 */
@Execution(ExecutionMode.CONCURRENT)
class RuleScopeTest {
    @Test
    void the_rules_of_screen_drl_are_screen_rules_and_all_others_classify() {
        RuleSet rules = RulesFixture.rules();

        assertThat(rules.rules())
                .isNotEmpty()
                .allSatisfy(
                        rule ->
                                assertThat(RuleScope.of(rules, rule))
                                        .as(rule.file() + " " + rule.name())
                                        .isEqualTo(
                                                rule.file().equals("screen.drl")
                                                        ? RuleScope.SCREEN
                                                        : RuleScope.CLASSIFICATION));
    }
}
