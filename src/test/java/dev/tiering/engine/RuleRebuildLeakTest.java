package dev.tiering.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiering.model.OperatorProfile;
import dev.tiering.model.Tier;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Rebuilding the rules must not leak: compiling the real rule folder again and again, alternating
 * two versions (the massive-backlog threshold at USD 1 B and at USD 20 B) and classifying with
 * each, adds no retained heap or metaspace per rebuild. A superseded rule set holds the only
 * reference to its KieBase and to the class loader of its generated classes, so both must become
 * garbage.
 *
 * <p>The same measurement run on a build that keeps every rule set alive (a deliberate leak) must
 * see it, so the bar is known to catch what it is for.
 *
 * <p>Both run in a JVM of their own ({@link #main}), so the heap and the classes counted are the
 * rebuilds' alone: in the test JVM they were shared with eight Quarkus applications, whose garbage
 * made each of the sixteen full collections take most of a second, and whose starts and reloads
 * beside the measurement moved its figures. On its own the class can also run beside other tests.
 */
@Execution(ExecutionMode.CONCURRENT)
class RuleRebuildLeakTest {
    private static final Logger LOG = Logger.getLogger(RuleRebuildLeakTest.class);
    private static final int WARM_UP = 5;
    private static final int MEASURED = 20;

    /**
     * Rebuilds of the deliberately leaking build: a kept rule set adds about 2 MB and a hundred
     * classes, so eight rebuilds show it many times over the bars (measured per rebuild, like the
     * clean run's twenty), in 10 compiles instead of 25.
     */
    private static final int LEAKING_WARM_UP = 2;

    private static final int LEAKING_MEASURED = 8;
    private static final long MB = 1024 * 1024;

    /**
     * Most retained heap and metaspace one rebuild may add. A rule set kept alive retains about 2
     * MB of heap and 0.5 MB of metaspace (measured here), so a leak crosses these many times over;
     * the bars are per rebuild, whatever the number of rebuilds measured.
     */
    private static final double HEAP_PER_BUILD = 0.25 * MB;

    /**
     * Most classes one rebuild may leave loaded. Metaspace in bytes creeps with the JIT and
     * fragmentation whether or not anything leaks; classes still loaded do not: a rule set kept
     * alive keeps its hundred or so generated classes. Some superseded rule sets' classes stay a
     * while longer behind the JDK's and Drools' soft caches (about a dozen per rebuild over the
     * first twenty, then none: measured), which this bar allows.
     */
    private static final double CLASSES_PER_BUILD = 30;

    /** The measuring JVM's output line with the four figures. */
    private static final String FIGURES = "@@growth ";

    @TempDir Path raised;
    @TempDir Path measuringLog;

    @Test
    void rebuilds_keep_heap_and_classes_flat_and_a_leaking_build_would_be_caught()
            throws IOException, InterruptedException {
        copyRulesWithRaisedThreshold(raised);

        Path log = measuringLog.resolve("measuring.log");
        Process measuring =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx512m",
                                "-XX:+UseSerialGC",
                                "-XX:TieredStopAtLevel=1",
                                "-XX:SoftRefLRUPolicyMSPerMB=0",
                                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                                "-cp",
                                System.getProperty("java.class.path"),
                                RuleRebuildLeakTest.class.getName(),
                                raised.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        if (!measuring.waitFor(5, TimeUnit.MINUTES)) {
            measuring.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(measuring.isAlive())
                .as("the measuring JVM, still running:%n%s", output)
                .isFalse();
        assertThat(measuring.exitValue()).as("the measuring JVM's output:%n%s", output).isZero();
        String[] figures =
                output.lines()
                        .filter(l -> l.startsWith(FIGURES))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no figures in:\n" + output))
                        .substring(FIGURES.length())
                        .split(" ");
        Growth clean = new Growth(Double.parseDouble(figures[0]), Double.parseDouble(figures[1]));
        Growth leaking = new Growth(Double.parseDouble(figures[2]), Double.parseDouble(figures[3]));

        LOG.infof(
                "Rebuild leak check, per rebuild: heap %.3f MB, %.1f classes; with every rule set"
                        + " kept: heap %.3f MB, %.1f classes",
                clean.heap() / MB, clean.classes(), leaking.heap() / MB, leaking.classes());
        assertThat(clean.heap()).as("retained heap per rebuild").isLessThan(HEAP_PER_BUILD);
        assertThat(clean.classes()).as("classes left per rebuild").isLessThan(CLASSES_PER_BUILD);
        assertThat(leaking.heap())
                .as("a build that keeps every rule set is seen to leak heap")
                .isGreaterThan(3 * HEAP_PER_BUILD);
        assertThat(leaking.classes())
                .as("a build that keeps every rule set is seen to leak classes")
                .isGreaterThan(2 * CLASSES_PER_BUILD);
    }

    /**
     * The measurement, in a JVM of its own: the clean rebuilds, then the leaking ones, printed on
     * one line (heap in bytes and classes, per rebuild).
     */
    public static void main(String[] args) {
        Path raised = Path.of(args[0]);
        Growth clean = rebuild(raised, null, WARM_UP, MEASURED);
        Growth leaking = rebuild(raised, new ArrayList<>(), LEAKING_WARM_UP, LEAKING_MEASURED);
        System.out.println(
                FIGURES
                        + clean.heap()
                        + " "
                        + clean.classes()
                        + " "
                        + leaking.heap()
                        + " "
                        + leaking.classes());
    }

    /**
     * Compiles {@code warmUp + measured} times and measures the growth per rebuild over the last
     * {@code measured}; {@code keep}, if not null, holds on to every rule set (a leak).
     */
    private static Growth rebuild(Path raised, List<RuleSet> keep, int warmUp, int measured) {
        List<OperatorProfile> profiles =
                List.of(
                        RulesFixture.example("IREN"),
                        RulesFixture.example("GLXY"),
                        RulesFixture.example("BTDR"),
                        RulesFixture.example("HASH"));
        RuleCompiler compiler = new RuleCompiler();
        RuleEngine engine = new RuleEngine(10_000);
        Memory first = null;
        for (int i = 1; i <= warmUp + measured; i++) {
            boolean even = i % 2 == 0;
            RuleSet rules = compiler.compile(RuleSources.read(even ? raised : RulesFixture.RULES));
            for (int round = 0; round < 6; round++) {
                for (OperatorProfile p : profiles) {
                    engine.classify(rules, Facts.of(p, null));
                }
            }
            Tier iren = engine.classify(rules, Facts.of(profiles.get(0), null)).tier();
            assertThat(iren).isEqualTo(even ? Tier.TIER_2 : Tier.TIER_1);
            if (keep != null) {
                keep.add(rules);
            }
            if (i == warmUp) {
                first = Memory.measure();
            }
        }
        Memory last = Memory.measure();
        return new Growth(
                (last.heap() - first.heap()) / (double) measured,
                (last.classes() - first.classes()) / (double) measured);
    }

    /** Retained heap (bytes) and loaded classes, per rebuild. */
    record Growth(double heap, double classes) {}

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

    /** Heap retained after full collections, and the classes loaded. */
    record Memory(long heap, long classes) {
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
            return new Memory(
                    heap, ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
        }
    }
}
