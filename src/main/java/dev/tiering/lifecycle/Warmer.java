package dev.tiering.lifecycle;

import dev.tiering.engine.Classifier;
import dev.tiering.engine.RuleSet;
import dev.tiering.model.OperatorProfile;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs a candidate rule set before it goes live, so that the first requests after a change do not
 * pay for its start. A rule set's generated classes (consequences, jitted constraints) and its
 * session pool start cold: JIT compilers take tens of seconds of classifications to catch up, and
 * the first seconds after a swap served at a third of the steady rate (BENCHMARKS.md, second
 * round). Here the candidate classifies a sample of profiles (the stored operators' and the
 * scenarios') round after round, on the reloading thread while the old rule set keeps serving,
 * until some tens of thousands have run and a round's CPU time per classification is no lower than
 * the best before it (the JIT has caught up), or the budget is spent.
 */
public final class Warmer {
    private static final Logger LOG = Logger.getLogger(Warmer.class);

    /** A round lasts at least this long, so that one round's time is not noise. */
    static final long ROUND_NANOS = 200_000_000L;

    /** A round within this of the best round so far counts as no faster. */
    static final double SETTLED = 0.95;

    /** Rounds in a row that must be no faster before the timings count as settled. */
    static final int SETTLED_ROUNDS = 4;

    /**
     * Fewer classifications than this never count as settled: a rule set's constraints are jitted
     * and its classes compiled by C2 only after some tens of thousands
     * (notes/drools-executable-model.md: warm after about 20,000).
     */
    static final long MIN_CLASSIFICATIONS = 50_000;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Does nothing: for the check command and the tests. */
    public static final Warmer NONE = new Warmer(null, List::of, Duration.ZERO);

    private final Classifier classifier;
    private final Supplier<List<OperatorProfile>> sample;
    private final Duration budget;

    /**
     * @param sample profiles to classify, e.g. a spread of the stored operators; the candidate's
     *     scenarios are added to them
     * @param budget the most time one warm-up may take; zero turns warming off
     */
    public Warmer(Classifier classifier, Supplier<List<OperatorProfile>> sample, Duration budget) {
        this.classifier = classifier;
        this.sample = sample;
        this.budget = budget;
    }

    /** What one warm-up did. */
    public record Report(
            int rounds,
            long classifications,
            long millis,
            double firstMicros,
            double lastMicros,
            boolean settled) {
        static final Report NONE = new Report(0, 0, 0, 0, 0, true);
    }

    /**
     * Classifies {@code extra} and the sample with {@code candidate} until its timings settle or
     * the budget ends.
     */
    public Report warm(RuleSet candidate, List<OperatorProfile> extra) {
        if (budget.isZero() || budget.isNegative() || classifier == null) {
            return Report.NONE;
        }
        List<OperatorProfile> profiles = new ArrayList<>(extra);
        try {
            profiles.addAll(sample.get());
        } catch (RuntimeException e) {
            LOG.debugf(
                    e,
                    "No sample of stored operators to warm rule set %s with",
                    candidate.version());
        }
        if (profiles.isEmpty()) {
            return Report.NONE;
        }
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        double best = Double.MAX_VALUE;
        double first = 0;
        double last = 0;
        int rounds = 0;
        int noFaster = 0;
        long total = 0;
        int next = 0;
        boolean cpuTime = THREADS.isCurrentThreadCpuTimeSupported();
        while (System.nanoTime() < deadline
                && (noFaster < SETTLED_ROUNDS || total < MIN_CLASSIFICATIONS)) {
            long roundStart = System.nanoTime();
            long cpuStart = cpuTime ? THREADS.getCurrentThreadCpuTime() : 0;
            long calls = 0;
            long now;
            do {
                classifier.classify(candidate, profiles.get(next), null);
                next = next + 1 == profiles.size() ? 0 : next + 1;
                calls++;
                now = System.nanoTime();
            } while (now - roundStart < ROUND_NANOS && now < deadline);
            // CPU time, not wall time: while the old rule set serves, this thread shares the cores
            // with requests, and a round's wall time says more about the load than about the rule
            // set's code.
            long spent = cpuTime ? THREADS.getCurrentThreadCpuTime() - cpuStart : now - roundStart;
            double perCall = spent / 1e3 / calls;
            rounds++;
            total += calls;
            if (rounds == 1) {
                first = perCall;
            }
            last = perCall;
            noFaster = perCall >= best * SETTLED ? noFaster + 1 : 0;
            best = Math.min(best, perCall);
        }
        Report report =
                new Report(
                        rounds,
                        total,
                        (System.nanoTime() - start) / 1_000_000,
                        first,
                        last,
                        noFaster >= SETTLED_ROUNDS && total >= MIN_CLASSIFICATIONS);
        LOG.infof(
                "Warmed rule set %s before it goes live: %d classifications in %d ms, %.1f µs each"
                        + " at first, %.1f µs at last (CPU time)%s",
                candidate.version(),
                report.classifications(),
                report.millis(),
                report.firstMicros(),
                report.lastMicros(),
                report.settled() ? "" : " (budget spent before the timings settled)");
        return report;
    }
}
