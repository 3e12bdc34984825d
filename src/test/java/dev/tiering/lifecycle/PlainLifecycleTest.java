package dev.tiering.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiering.codec.Json;
import dev.tiering.engine.Classifier;
import dev.tiering.engine.CompiledRules;
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
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The lifecycle as a plain Java program, no Quarkus, no database: the real rule folder goes live, a
 * candidate is previewed against an in-memory "store" without changing it, applied, and a broken
 * candidate is refused while the active rule set keeps serving.
 */
@Execution(ExecutionMode.CONCURRENT)
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
    void a_restart_loads_the_class_files_kept_when_its_rules_went_live_instead_of_compiling() {
        MemoryCache cache = new MemoryCache();
        RuleSources raised = raisedThreshold();
        lifecycle(CandidateVetting.NONE, cache).reload(() -> raised, false, "analyst");
        CompiledRules kept = cache.kept.get(raised.version());
        assertThat(kept).isNotNull();

        ActiveRules restarted = new ActiveRules();
        RuleSet live = lifecycle(restarted, CandidateVetting.NONE, cache).start(raised);

        assertThat(live.compiled()).as("loaded, not compiled again").isSameAs(kept);
        assertThat(classifier.classify(live, RulesFixture.example("IREN"), null).tier())
                .isEqualTo(Tier.TIER_2);
    }

    @Test
    void a_candidate_the_checker_compiled_is_loaded_from_its_class_files() {
        RuleSources raised = raisedThreshold();
        CompiledRules fromChecker = new RuleCompiler().compile(raised).compiled();

        lifecycle((candidate, current) -> fromChecker, CompiledCache.NONE)
                .reload(() -> raised, false, "analyst");

        assertThat(active.current().compiled()).isSameAs(fromChecker);
    }

    @Test
    void class_files_from_elsewhere_are_checked_again_and_refused_if_they_reach_outside() {
        RuleSources raised = raisedThreshold();
        RuleSources exits =
                RuleSources.ofRules(
                        Map.of(
                                "exits.drl",
                                ("package rules;\nimport dev.tiering.engine.facts.OperatorFact;\n"
                                                + "rule \"Exit\" when OperatorFact() then"
                                                + " System.exit(0); end\n")
                                        .getBytes(StandardCharsets.UTF_8)));
        // Bytes that claim to be the candidate's but hold another rule set's code: the checker
        // could only send such a thing if it were broken into, and they are refused all the same.
        Map<String, byte[]> hostile = new LinkedHashMap<>();
        Map<String, byte[]> compiledExits = compileUnchecked(exits);
        hostile.putAll(compiledExits);
        CompiledRules forged = new CompiledRules(raised.version(), hostile);
        String before = active.current().version();

        assertThatThrownBy(
                        () ->
                                lifecycle((candidate, current) -> forged, CompiledCache.NONE)
                                        .reload(() -> raised, false, "analyst"))
                .isInstanceOf(RuleCompilationException.class)
                .hasMessageContaining("java.lang.System.exit");
        assertThat(active.current().version()).isEqualTo(before);
    }

    /**
     * Compiles the executable model of {@code sources} without the sandbox, as an attacker would.
     */
    private static Map<String, byte[]> compileUnchecked(RuleSources sources) {
        try {
            var method =
                    Class.forName("dev.tiering.engine.ExecutableModel")
                            .getDeclaredMethod("compile", Map.class, ClassLoader.class);
            method.setAccessible(true);
            Object out =
                    method.invoke(null, sources.rules(), PlainLifecycleTest.class.getClassLoader());
            var classes = out.getClass().getDeclaredMethod("classes");
            classes.setAccessible(true);
            @SuppressWarnings("unchecked")
            Map<String, byte[]> result = (Map<String, byte[]>) classes.invoke(out);
            assertThat(result).isNotEmpty();
            return result;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private RuleLifecycle lifecycle(CandidateVetting vetting, CompiledCache cache) {
        lifecycle = lifecycle(active, vetting, cache);
        return lifecycle;
    }

    private RuleLifecycle lifecycle(
            ActiveRules rules, CandidateVetting vetting, CompiledCache cache) {
        return lifecycle(rules, ArchivePort.NONE, vetting, cache);
    }

    private RuleLifecycle lifecycle(
            ActiveRules rules, ArchivePort archive, CandidateVetting vetting, CompiledCache cache) {
        return new RuleLifecycle(
                rules,
                new RuleCompiler(),
                new ScenarioReader(Json.mapper(), new ProfileValidator()),
                new ScenarioCheck(engine, clock),
                store,
                archive,
                vetting,
                cache,
                clock);
    }

    /** Class files kept in a map. */
    static final class MemoryCache implements CompiledCache {
        final Map<String, CompiledRules> kept = new LinkedHashMap<>();

        @Override
        public CompiledRules get(String version) {
            return kept.get(version);
        }

        @Override
        public void put(CompiledRules compiled) {
            kept.put(compiled.version(), compiled);
        }
    }

    @Test
    void a_version_read_before_a_newer_activation_is_not_taken_up_after_it() {
        MemoryArchive archive = new MemoryArchive();
        ActiveRules live = new ActiveRules();
        RuleLifecycle withArchive =
                lifecycle(live, archive, CandidateVetting.NONE, CompiledCache.NONE);
        RuleSources shipped = RuleSources.read(RulesFixture.RULES);
        withArchive.start(shipped);
        // A follower reads the archive's active version (the shipped one) here...
        String readByTheFollower = archive.activeVersion().orElseThrow();
        RuleSources raised = raisedThreshold();
        withArchive.reload(() -> raised, false, "admin");
        // ... and takes it up only now, after this replica's own reload archived a newer one.
        assertThat(withArchive.follow(archive.sources(readByTheFollower).orElseThrow())).isFalse();
        assertThat(live.current().version()).isEqualTo(raised.version());
        // The archive's active version is still taken up.
        archive.activations.add(shipped.version());
        assertThat(withArchive.follow(shipped)).isTrue();
        assertThat(live.current().version()).isEqualTo(shipped.version());
    }

    /** An archive in memory: the sources of every version activated, and the activations. */
    static final class MemoryArchive implements ArchivePort {
        final Map<String, RuleSources> sources = new LinkedHashMap<>();
        final List<String> activations = new ArrayList<>();

        @Override
        public synchronized long activated(RuleSet rules, String previousVersion, String by) {
            sources.putIfAbsent(rules.version(), rules.sources());
            activations.add(rules.version());
            return activations.size();
        }

        @Override
        public void moved(long activation, int changes) {}

        @Override
        public synchronized Optional<RuleSources> sources(String version) {
            return Optional.ofNullable(sources.get(version));
        }

        @Override
        public synchronized Optional<String> activeVersion() {
            return activations.isEmpty()
                    ? Optional.empty()
                    : Optional.of(activations.get(activations.size() - 1));
        }

        @Override
        public <T> T exclusively(Supplier<T> work) {
            return work.get();
        }
    }

    @Test
    void the_scenarios_a_threshold_edit_skips_are_told_once_for_their_one_reason() {
        RuleSources shipped = RuleSources.read(RulesFixture.RULES);
        RuleSources raised = RuleSources.of(raisedThreshold().rules(), shipped.scenarios());

        Candidate c = lifecycle.candidate(raised);

        assertThat(c.skipped()).hasSizeGreaterThan(1);
        Map<String, List<String>> grouped = ScenarioCheck.bySameReason(c.skipped());
        assertThat(grouped)
                .containsOnlyKeys(
                        "assumes massiveEstablishedBacklogUsd = 1000000000, the rules have"
                                + " 20000000000");
        assertThat(grouped.values().iterator().next())
                .hasSize(c.skipped().size())
                .allMatch(file -> file.startsWith("scenarios/") && file.endsWith(".json"))
                .doesNotHaveDuplicates();
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
