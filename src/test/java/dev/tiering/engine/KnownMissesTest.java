package dev.tiering.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiering.model.Tier;
import java.io.InputStream;
import java.net.URL;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A compile asks its class loader only once for a name that loader does not have, and every time
 * for a name it has: the answers are the loader's own.
 */
@Execution(ExecutionMode.CONCURRENT)
class KnownMissesTest {

    /** Delegates to the test's class loader and counts what it is asked and cannot answer. */
    static class Counting extends ClassLoader {
        final AtomicInteger found = new AtomicInteger();
        final AtomicInteger missed = new AtomicInteger();
        final Set<String> missedNames = ConcurrentHashMap.newKeySet();

        Counting() {
            super(KnownMissesTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            try {
                Class<?> c = super.loadClass(name, resolve);
                found.incrementAndGet();
                return c;
            } catch (ClassNotFoundException e) {
                missed.incrementAndGet();
                missedNames.add(name);
                throw e;
            }
        }

        @Override
        public URL getResource(String name) {
            URL url = super.getResource(name);
            count(name, url != null);
            return url;
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            InputStream in = getParent().getResourceAsStream(name);
            count(name, in != null);
            return in;
        }

        private void count(String name, boolean wasFound) {
            if (wasFound) {
                found.incrementAndGet();
            } else {
                missed.incrementAndGet();
                missedNames.add(name);
            }
        }

        void reset() {
            found.set(0);
            missed.set(0);
            missedNames.clear();
        }
    }

    @Test
    void a_second_compile_asks_its_loader_again_only_for_what_the_loader_has() {
        Counting loader = new Counting();
        RuleCompiler compiler = new RuleCompiler(loader, Clock.systemUTC());

        RuleSet first = compiler.compile(RuleSources.read(RulesFixture.RULES));
        Set<String> missedFirst = Set.copyOf(loader.missedNames);
        loader.reset();
        // A compile of its own, not the classes of the first: they are cached by version.
        RuleSet second = compiler.compile(RuleSources.read(RulesFixture.RULES));

        assertThat(missedFirst)
                .as("names the first compile asked for and the loader did not have")
                .hasSizeGreaterThan(300);
        // None of them is asked again. (A handful of names the first compile never asked for can
        // come up: Drools keeps some answers in soft caches, which a collection may clear.)
        assertThat(loader.missedNames)
                .as("asked again of the loader")
                .doesNotContainAnyElementsOf(missedFirst);
        assertThat(loader.missed.get()).isLessThan(missedFirst.size() / 20);
        assertThat(loader.found.get()).as("found names, still asked of the loader").isPositive();
        for (RuleSet rules : new RuleSet[] {first, second}) {
            Outcome iren =
                    new RuleEngine(10_000)
                            .classify(rules, Facts.of(RulesFixture.example("IREN"), null, rules));
            assertThat(iren.tier()).isEqualTo(Tier.TIER_1);
        }
    }

    @Test
    void a_miss_is_remembered_for_its_own_loader_only_and_never_hides_a_class() throws Exception {
        Counting empty =
                new Counting() {
                    @Override
                    protected Class<?> loadClass(String name, boolean resolve)
                            throws ClassNotFoundException {
                        if (name.equals(Tier.class.getName())) {
                            missed.incrementAndGet();
                            throw new ClassNotFoundException(name);
                        }
                        return super.loadClass(name, resolve);
                    }
                };
        ClassLoader withoutTier = KnownMisses.over(empty);
        assertThatThrownBy(() -> withoutTier.loadClass(Tier.class.getName()))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> KnownMisses.over(empty).loadClass(Tier.class.getName()))
                .isInstanceOf(ClassNotFoundException.class);
        assertThat(empty.missed.get()).as("the loader asked once").isEqualTo(1);

        ClassLoader other = KnownMisses.over(new Counting());
        assertThat(other.loadClass(Tier.class.getName())).isSameAs(Tier.class);
        assertThat(other.getResource("dev/tiering/model/Tier.class")).isNotNull();
    }

    @Test
    void past_its_bound_it_forgets_and_asks_again() {
        AtomicInteger asked = new AtomicInteger();
        ClassLoader nothing =
                new ClassLoader(null) {
                    @Override
                    public URL getResource(String name) {
                        asked.incrementAndGet();
                        return null;
                    }
                };
        ClassLoader lookup = KnownMisses.over(nothing);
        for (int i = 0; i < KnownMisses.MAX_NAMES; i++) {
            assertThat(lookup.getResource("no/such/Name" + i + ".class")).isNull();
        }
        assertThat(lookup.getResource("no/such/Name0.class")).isNull();
        assertThat(asked.get()).isEqualTo(KnownMisses.MAX_NAMES);

        lookup.getResource("no/such/NameOneMore.class");
        lookup.getResource("no/such/Name0.class");
        assertThat(asked.get())
                .as("the names forgotten at the bound are asked again")
                .isEqualTo(KnownMisses.MAX_NAMES + 2);
    }
}
