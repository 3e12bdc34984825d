package dev.tiering.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiering.model.OperatorProfile;
import dev.tiering.model.Tier;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rebuilding the rules must not leak: 200 compilations of the real rule folder, alternating two
 * versions (the massive-backlog threshold at USD 1 B and at USD 20 B) and classifying with each,
 * leave the retained heap and the metaspace where they were after the first ten. A superseded rule
 * set holds the only reference to its KieBase and the class loader of its generated classes, so
 * both must become garbage.
 */
class RuleRebuildLeakTest {
    private static final Logger LOG = Logger.getLogger(RuleRebuildLeakTest.class);
    private static final int WARM_UP = 10;
    private static final int TOTAL = 200;
    private static final long MB = 1024 * 1024;

    @TempDir Path raised;

    @Test
    void two_hundred_rebuilds_keep_heap_and_metaspace_flat() throws IOException {
        copyRulesWithRaisedThreshold(raised);
        List<OperatorProfile> profiles =
                List.of(
                        RulesFixture.example("IREN"),
                        RulesFixture.example("GLXY"),
                        RulesFixture.example("BTDR"),
                        RulesFixture.example("HASH"));
        RuleCompiler compiler = new RuleCompiler();
        RuleEngine engine = new RuleEngine(10_000);

        Memory first = null;
        long started = System.nanoTime();
        for (int i = 1; i <= TOTAL; i++) {
            boolean even = i % 2 == 0;
            RuleSet rules = compiler.compile(RuleSources.read(even ? raised : RulesFixture.RULES));
            // Enough classifications (over 20 per constraint) to make Drools JIT-compile the
            // constraints into classes of this KieBase, which must be unloaded with it.
            for (int round = 0; round < 6; round++) {
                for (OperatorProfile p : profiles) {
                    engine.classify(rules, Facts.of(p, null));
                }
            }
            Tier iren = engine.classify(rules, Facts.of(profiles.get(0), null)).tier();
            assertThat(iren).isEqualTo(even ? Tier.TIER_2 : Tier.TIER_1);
            if (i == WARM_UP) {
                first = Memory.measure();
            }
        }
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        Memory last = Memory.measure();

        LOG.infof(
                "Rebuild leak check: after %d builds heap %d MB, metaspace %d MB; after %d builds"
                    + " heap %d MB, metaspace %d MB; %d ms per build and its 25 classifications",
                WARM_UP,
                first.heap() / MB,
                first.metaspace() / MB,
                TOTAL,
                last.heap() / MB,
                last.metaspace() / MB,
                tookMs / TOTAL);
        // Measured: a rule set kept alive retains about 0.5 MB of heap and 0.3 MB of metaspace, so
        // 190 leaked ones would add about 100 MB and 60 MB. The margins are absolute, not relative:
        // in the full suite this JVM already holds hundreds of MB from the Quarkus tests before it,
        // and 10 % of that would hide a leak.
        assertThat(last.heap() - first.heap())
                .as("retained heap growth from build %d to %d", WARM_UP, TOTAL)
                .isLessThanOrEqualTo(32 * MB);
        assertThat(last.metaspace() - first.metaspace())
                .as("metaspace growth from build %d to %d", WARM_UP, TOTAL)
                .isLessThanOrEqualTo(16 * MB);
    }

    private static void copyRulesWithRaisedThreshold(Path to) throws IOException {
        try (Stream<Path> files = Files.list(RulesFixture.RULES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".drl")).toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        Path tiers = to.resolve("tiers.drl");
        String text = Files.readString(tiers);
        assertThat(text).contains("return 1000000000.0;");
        Files.writeString(tiers, text.replace("return 1000000000.0;", "return 20000000000.0;"));
    }

    /** Heap retained after full collections, and metaspace in use. */
    record Memory(long heap, long metaspace) {
        static Memory measure() {
            for (int i = 0; i < 4; i++) {
                System.gc();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            long metaspace =
                    ManagementFactory.getMemoryPoolMXBeans().stream()
                            .filter(p -> p.getName().equals("Metaspace"))
                            .mapToLong(p -> p.getUsage().getUsed())
                            .findFirst()
                            .orElse(0);
            return new Memory(heap, metaspace);
        }
    }
}
