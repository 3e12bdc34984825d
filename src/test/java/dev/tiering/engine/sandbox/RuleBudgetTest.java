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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    static final Path RUNTIME = Path.of("src/test/resources/attacks/runtime");

    static Stream<String> rules() throws IOException {
        try (Stream<Path> files = Files.list(RUNTIME)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void is_stopped_naming_its_rule_and_the_engine_goes_on(String file) throws IOException {
        String text = Files.readString(RUNTIME.resolve(file), StandardCharsets.UTF_8);
        String stopped = text.lines().findFirst().orElseThrow().substring("// stopped: ".length());
        String rule =
                text.lines()
                        .filter(l -> l.startsWith("rule \""))
                        .findFirst()
                        .orElseThrow()
                        .replaceAll("rule \"(.*)\"", "$1");
        RuleSet hostile =
                new RuleCompiler()
                        .compile(
                                RuleSources.ofRules(
                                        Map.of(file, text.getBytes(StandardCharsets.UTF_8))));
        RuleEngine engine = new RuleEngine(10_000);
        Facts facts = Facts.of(RulesFixture.example("IREN"), null);

        RunawayRuleException e =
                catchThrowableOfType(
                        RunawayRuleException.class, () -> engine.classify(hostile, facts));

        assertThat(e).as(file + " ran to its end").isNotNull();
        assertThat(e.getMessage()).contains(stopped);
        assertThat(e.rule()).isEqualTo(rule);
        assertThat(e.file()).isEqualTo(file);
        assertThat(engine.classify(RulesFixture.rules(), facts).tier()).isEqualTo(Tier.TIER_1);
    }
}
