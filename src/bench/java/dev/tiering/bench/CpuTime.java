package dev.tiering.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tiering.engine.Classifier;
import dev.tiering.engine.Facts;
import dev.tiering.engine.Outcome;
import dev.tiering.engine.RuleCompiler;
import dev.tiering.engine.RuleEngine;
import dev.tiering.engine.RuleSet;
import dev.tiering.engine.RuleSources;
import dev.tiering.model.OperatorProfile;
import dev.tiering.reference.ReferenceModel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A cross-check of the JMH figures that holds up on a busy machine: the same workloads timed by the
 * CPU time of the measuring thread instead of the wall clock. When other processes take the cores,
 * JMH's wall-clock figures grow with the wait for a core; CPU time does not (it still grows
 * somewhat, from shared caches). BENCHMARKS.md reports both.
 */
public final class CpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static volatile Object sink;

    private CpuTime() {}

    interface Work {
        /** Runs one batch, answers how many operations it did. */
        int run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        BenchLogging.init();
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        LocalDate asOf = ClassifyBenchmark.AS_OF;
        OperatorProfile[] seed = Seed.profiles().toArray(OperatorProfile[]::new);
        RuleSet rules = new RuleCompiler().compile(RuleSources.read(Path.of("rules")));
        RuleEngine engine = new RuleEngine(10_000);
        List<OperatorProfile> fleet = Seed.fleet(ReclassifyBenchmark.FLEET);
        String[] stored = new String[fleet.size()];
        for (int i = 0; i < stored.length; i++) {
            stored[i] = Seed.JSON.writeValueAsString(fleet.get(i));
        }
        LocalDate today = LocalDate.now();

        double floor =
                measure(
                        "floor",
                        seconds,
                        () -> {
                            for (OperatorProfile p : seed) {
                                sink = ReferenceModel.classify(p, asOf);
                            }
                            return seed.length;
                        });
        double eng =
                measure(
                        "engine",
                        seconds,
                        () -> {
                            for (OperatorProfile p : seed) {
                                sink = engine.classify(rules, Facts.of(p, asOf));
                            }
                            return seed.length;
                        });
        double fleetClassify =
                measure(
                        "fleet_classify",
                        seconds,
                        () -> {
                            for (OperatorProfile p : fleet) {
                                sink = engine.classify(rules, Facts.of(p, today));
                            }
                            return fleet.size();
                        });
        double storeWork =
                measure(
                        "fleet_store_work",
                        seconds,
                        () -> {
                            for (String json : stored) {
                                sink = storeWork(json, engine, rules, today);
                            }
                            return stored.length;
                        });
        System.out.printf(
                Locale.ROOT,
                "RESULT cpu_time floor_ns=%.0f engine_ns=%.0f engine_over_floor=%.0f"
                        + " fleet_classify_ns=%.0f fleet_store_work_ns=%.0f%n",
                floor,
                eng,
                eng / floor,
                fleetClassify,
                storeWork);
    }

    static String storeWork(String json, RuleEngine engine, RuleSet rules, LocalDate today)
            throws JsonProcessingException {
        OperatorProfile p = Seed.JSON.readValue(json, OperatorProfile.class);
        Facts facts = Facts.of(p, today);
        Outcome outcome = engine.classify(rules, facts);
        return Seed.JSON.writeValueAsString(
                Classifier.toClassification(p.ticker(), facts, outcome, rules, null));
    }

    /**
     * Median CPU nanoseconds per operation over five rounds of about {@code seconds}, after a
     * warm-up.
     */
    static double measure(String name, double seconds, Work work) throws Exception {
        long budget = (long) (seconds * 1e9);
        for (long end = System.nanoTime() + 3 * budget; System.nanoTime() < end; ) {
            work.run();
        }
        double[] perOp = new double[5];
        for (int r = 0; r < perOp.length; r++) {
            long ops = 0;
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            while (System.nanoTime() - wall0 < budget) {
                ops += work.run();
            }
            perOp[r] = (THREADS.getCurrentThreadCpuTime() - cpu0) / (double) ops;
        }
        Arrays.sort(perOp);
        System.out.printf(
                Locale.ROOT,
                "cpu-time %-18s %12.0f ns/op (rounds %s)%n",
                name,
                perOp[2],
                Arrays.toString(Arrays.stream(perOp).mapToLong(Math::round).toArray()));
        return perOp[2];
    }
}
