package dev.tiering.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiering.codec.Json;
import dev.tiering.engine.Classifier;
import dev.tiering.engine.RuleCompilationException;
import dev.tiering.engine.RuleCompiler;
import dev.tiering.engine.RuleEngine;
import dev.tiering.engine.RuleSet;
import dev.tiering.engine.RuleSources;
import dev.tiering.engine.RulesFixture;
import dev.tiering.model.OperatorProfile;
import dev.tiering.model.ProfileValidator;
import dev.tiering.model.Tier;
import dev.tiering.model.TierChange;
import dev.tiering.scenario.ScenarioCheck;
import dev.tiering.scenario.ScenarioReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle as a plain Java program, no Quarkus, no database: the real rule folder goes live, a
 * candidate is previewed against an in-memory "store" without changing it, applied, and a broken
 * candidate is refused while the active rule set keeps serving.
 */
class PlainLifecycleTest {
    private final Clock clock = Clock.systemUTC();
    private final RuleEngine engine = new RuleEngine(10_000);
    private final Classifier classifier = new Classifier(engine, clock);
    private final ActiveRules active = new ActiveRules();
    private MemoryStore store;
    private RuleLifecycle lifecycle;

    /** Operators held in a map, classified with whatever rule set they are handed. */
    final class MemoryStore implements StorePort {
        final Map<String, OperatorProfile> profiles = new LinkedHashMap<>();
        final Map<String, Tier> tiers = new LinkedHashMap<>();
        int applied;

        void put(OperatorProfile p) {
            profiles.put(p.ticker(), p);
            tiers.put(p.ticker(), classifier.classify(active.current(), p, null).tier());
        }

        @Override
        public Impact preview(RuleSet candidate, RuleSet active) {
            return new Impact(moves(candidate), List.of());
        }

        @Override
        public List<TierChange> apply(RuleSet rules, String by) {
            applied++;
            List<TierChange> out = moves(rules);
            out.forEach(c -> tiers.put(c.ticker(), c.to()));
            return out;
        }

        private List<TierChange> moves(RuleSet rules) {
            List<TierChange> out = new ArrayList<>();
            profiles.forEach(
                    (t, p) -> {
                        Tier after = classifier.classify(rules, p, null).tier();
                        if (after != tiers.get(t)) {
                            out.add(new TierChange(t, tiers.get(t), after));
                        }
                    });
            return out;
        }
    }

    @BeforeEach
    void start() {
        store = new MemoryStore();
        lifecycle =
                new RuleLifecycle(
                        active,
                        new RuleCompiler(),
                        new ScenarioReader(Json.mapper(), new ProfileValidator()),
                        new ScenarioCheck(engine, clock),
                        store,
                        ArchivePort.NONE,
                        clock);
        lifecycle.start(RuleSources.read(RulesFixture.RULES));
        store.put(RulesFixture.example("IREN"));
        store.put(RulesFixture.example("GLXY"));
    }

    @Test
    void the_shipped_folder_goes_live_with_its_scenarios_passed() {
        assertThat(active.current().version())
                .isEqualTo(RuleSources.read(RulesFixture.RULES).version());
        assertThat(lifecycle.scenariosPassed()).isGreaterThan(10);
        assertThat(store.tiers).containsEntry("IREN", Tier.TIER_1);
    }

    @Test
    void a_preview_changes_nothing_and_apply_swaps_and_reclassifies() throws IOException {
        String before = active.current().version();
        RuleSources raised = raisedThreshold();
        int appliedBefore = store.applied;

        Preview preview = lifecycle.preview(raised);

        assertThat(preview.impact().changes())
                .containsExactly(new TierChange("IREN", Tier.TIER_1, Tier.TIER_2));
        assertThat(active.current().version()).isEqualTo(before);
        assertThat(store.applied).isEqualTo(appliedBefore);

        ReloadReport report = lifecycle.apply(preview, "analyst");

        assertThat(report.activated()).isTrue();
        assertThat(active.current().version()).isEqualTo(raised.version()).isNotEqualTo(before);
        assertThat(store.tiers).containsEntry("IREN", Tier.TIER_2);
    }

    @Test
    void a_broken_file_is_refused_and_the_active_rule_set_keeps_serving() {
        String before = active.current().version();
        Map<String, byte[]> rules =
                new LinkedHashMap<>(RuleSources.read(RulesFixture.RULES).rules());
        rules.put(
                "broken.drl",
                "package rules;\nrule \"x\" whn\nend\n".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> lifecycle.reload(() -> RuleSources.ofRules(rules), false, "admin"))
                .isInstanceOf(RuleCompilationException.class);
        assertThat(active.current().version()).isEqualTo(before);
        assertThat(lifecycle.lastError().errors())
                .anySatisfy(e -> assertThat(e.file()).isEqualTo("broken.drl"));
    }

    @Test
    void
            a_new_rule_set_runs_on_the_stored_operators_while_the_old_one_still_serves_then_goes_live() {
        String before = active.current().version();
        List<String> servingWhileWarmed = new ArrayList<>();
        Warmer warmer =
                new Warmer(
                        classifier,
                        () -> {
                            servingWhileWarmed.add(active.current().version());
                            return List.copyOf(store.profiles.values());
                        },
                        java.time.Duration.ofSeconds(5));
        lifecycle =
                new RuleLifecycle(
                        active,
                        new RuleCompiler(),
                        new ScenarioReader(Json.mapper(), new ProfileValidator()),
                        new ScenarioCheck(engine, clock),
                        store,
                        ArchivePort.NONE,
                        CandidateVetting.NONE,
                        warmer,
                        clock);
        RuleSources raised = raisedThreshold();

        lifecycle.reload(() -> raised, false, "analyst");

        assertThat(servingWhileWarmed).containsExactly(before);
        assertThat(active.current().version()).isEqualTo(raised.version());

        lifecycle.reload(() -> raised, false, "analyst");
        assertThat(servingWhileWarmed)
                .as("the version already live is not warmed again")
                .hasSize(1);
    }

    /** The shipped rules with a Tier 1 bar of USD 20 B, and no scenarios (they assume USD 1 B). */
    private static RuleSources raisedThreshold() {
        RuleSources shipped = RuleSources.read(RulesFixture.RULES);
        Map<String, byte[]> rules = new LinkedHashMap<>(shipped.rules());
        String tiers =
                shipped.text("tiers.drl").replace("return 1000000000.0;", "return 20000000000.0;");
        assertThat(tiers).isNotEqualTo(shipped.text("tiers.drl"));
        rules.put("tiers.drl", tiers.getBytes(StandardCharsets.UTF_8));
        return RuleSources.ofRules(rules);
    }
}
