package dev.tiering.cluster;

import dev.tiering.engine.Classifier;
import dev.tiering.engine.RuleSet;
import dev.tiering.engine.Timelines;
import dev.tiering.lifecycle.ActiveRules;
import dev.tiering.lifecycle.Impact;
import dev.tiering.lifecycle.StorePort;
import dev.tiering.model.Classification;
import dev.tiering.model.OperatorProfile;
import dev.tiering.model.Tier;
import dev.tiering.model.TierChange;
import dev.tiering.model.TimelineChange;
import dev.tiering.operators.OperatorService;
import dev.tiering.store.Cause;
import dev.tiering.store.Database;
import dev.tiering.store.HistoryRepository;
import dev.tiering.store.HistoryRow;
import dev.tiering.store.OperatorRepository;
import dev.tiering.store.OperatorRow;
import dev.tiering.store.ProfileCodec;
import dev.tiering.store.RuleArchive;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Classifies every stored operator again: for a preview of a candidate rule set (nothing written;
 * with a backtest of every operator's timeline), when a rule set goes live (cause {@code RULES}),
 * and to catch up with time (a deal's start or end date passing). History gets a row only where an
 * operator's outline (tier, stage, full stack, risks) changed, so a rule change that moves nobody
 * writes no history.
 *
 * <p>Applying a rule set is one cluster job ({@link ClusterJobs#RECLASSIFY}): workers on every core
 * claim the next {@value #CHUNK} operators not yet on the version with {@code FOR UPDATE SKIP
 * LOCKED}, one transaction per chunk, until none is left, so every operator is reclassified once
 * however many replicas share the database, and a writer of one operator waits for at most one
 * chunk. If the replica dies, its locks go with its connections, its heartbeat goes stale, and
 * another replica's {@link #sweep()} takes the job over. Timings go to Micrometer ({@code
 * tiering.reclassify}).
 */
@ApplicationScoped
public class Reclassifier implements StorePort {
    private static final Logger LOG = Logger.getLogger(Reclassifier.class);

    /** Who the hourly catch-up writes history as. */
    static final String CATCH_UP = "catch-up";

    /** Operators per transaction: few commits, and short waits for other writers. */
    static final int CHUNK = 200;

    private final Database db;
    private final ProfileCodec codec;
    private final Classifier classifier;
    private final ActiveRules rules;
    private final OperatorService operators;
    private final ClusterJobs jobs;
    private final java.time.Clock clock;
    private final Timer previewTimer;
    private final Timer applyTimer;
    private final Timer catchUpTimer;
    private final PreviewResults previewed = new PreviewResults();

    public Reclassifier(
            Database db,
            ProfileCodec codec,
            Classifier classifier,
            ActiveRules rules,
            OperatorService operators,
            ClusterJobs jobs,
            java.time.Clock clock,
            MeterRegistry metrics) {
        this.db = db;
        this.codec = codec;
        this.classifier = classifier;
        this.rules = rules;
        this.operators = operators;
        this.jobs = jobs;
        this.clock = clock;
        this.previewTimer = timer(metrics, "preview");
        this.applyTimer = timer(metrics, "apply");
        this.catchUpTimer = timer(metrics, "catch-up");
    }

    private static Timer timer(MeterRegistry metrics, String pass) {
        return Timer.builder("tiering.reclassify")
                .description("Reclassifying every stored operator")
                .tag("pass", pass)
                .register(metrics);
    }

    @Override
    public Impact preview(RuleSet candidate, RuleSet active) {
        return previewTimer.record(
                () -> {
                    long started = System.nanoTime();
                    List<String> tickers = db.read(c -> OperatorRepository.tickers(c, null));
                    int chunks = (tickers.size() + CHUNK - 1) / CHUNK;
                    List<Impact> byChunk =
                            new ArrayList<>(Collections.nCopies(chunks, Impact.NONE));
                    AtomicInteger next = new AtomicInteger();
                    PreviewResults.Batch keep =
                            previewed.begin(candidate.version(), classifier.today());
                    int threads =
                            onWorkers(
                                    chunks,
                                    "preview-" + candidate.version(),
                                    () -> {
                                        for (int i = next.getAndIncrement();
                                                i < chunks;
                                                i = next.getAndIncrement()) {
                                            List<String> chunk =
                                                    tickers.subList(
                                                            i * CHUNK,
                                                            Math.min(
                                                                    tickers.size(),
                                                                    (i + 1) * CHUNK));
                                            byChunk.set(
                                                    i,
                                                    previewChunk(chunk, candidate, active, keep));
                                        }
                                    });
                    if (active != null) {
                        previewed.retainTiers(candidate.version(), active.version());
                    }
                    List<TierChange> changes = new ArrayList<>();
                    List<TimelineChange> timeline = new ArrayList<>();
                    byChunk.forEach(
                            i -> {
                                changes.addAll(i.changes());
                                timeline.addAll(i.timelineChanges());
                            });
                    LOG.infof(
                            "Previewed %d operators with rule set %s in %d ms on %d threads: %d"
                                    + " tier changes, %d timeline changes",
                            tickers.size(),
                            candidate.version(),
                            millis(started),
                            threads,
                            changes.size(),
                            timeline.size());
                    return new Impact(changes, timeline);
                });
    }

    /** Every k-th stored operator, in ticker order, so the sample spreads over the store. */
    @Override
    public List<OperatorProfile> sample(int n) {
        return db.read(
                c -> {
                    List<String> tickers = OperatorRepository.tickers(c, null);
                    int step = Math.max(1, tickers.size() / Math.max(1, n));
                    List<OperatorProfile> out = new ArrayList<>();
                    for (int i = 0; i < tickers.size() && out.size() < n; i += step) {
                        OperatorRepository.find(c, tickers.get(i), false)
                                .ifPresent(
                                        row ->
                                                out.add(
                                                        codec.profile(
                                                                row.ticker(), row.profileJson())));
                    }
                    return out;
                });
    }

    @Override
    public List<TierChange> apply(RuleSet active, String by) {
        return applyTimer.record(
                () -> {
                    jobs.begin(ClusterJobs.RECLASSIFY, active.version());
                    try {
                        List<TierChange> changes = reclassifyStale(active, by);
                        jobs.done(ClusterJobs.RECLASSIFY);
                        return changes;
                    } finally {
                        previewed.release();
                    }
                });
    }

    /**
     * The janitor of the rule-change job, run every few seconds on every replica: takes over a
     * reclassification whose replica died, and brings to the active version any operator that a
     * writer on a lagging replica stamped with the previous one. Does nothing while this replica
     * has not yet followed the archive's active version, or while another replica is reclassifying.
     *
     * @param newest the newest activation: the version every replica should be serving, and since
     *     when
     * @return how many operators it reclassified
     */
    public int sweep(RuleArchive.Activation newest) {
        RuleSet active = rules.current();
        if (!active.version().equals(newest.version())) {
            return 0;
        }
        var taken = jobs.takeOverStale(ClusterJobs.RECLASSIFY);
        if (taken.isPresent()) {
            if (!taken.get().equals(active.version())) {
                jobs.done(ClusterJobs.RECLASSIFY); // superseded by a newer activation
                return 0;
            }
            LOG.warnf(
                    "Taking over the reclassification for rule set %s from a replica that stopped",
                    active.version());
            int n = reclassifyStale(active, "takeover").size();
            jobs.done(ClusterJobs.RECLASSIFY);
            return n;
        }
        // A fresh activation is its replica's to reclassify; only one that replica left unfinished
        // is swept, and never while a reclassification runs, here or elsewhere.
        if (jobs.running(ClusterJobs.RECLASSIFY)
                || newest.activatedAt().isAfter(clock.instant().minus(ClusterJobs.STALE))) {
            return 0;
        }
        long stale = db.read(c -> OperatorRepository.countNotOn(c, active.version()));
        if (stale == 0) {
            return 0;
        }
        LOG.infof(
                "%d stored operators are not on rule set %s yet; reclassifying them",
                stale, active.version());
        return reclassifyStale(active, CATCH_UP).size();
    }

    /**
     * Claims and reclassifies chunks of operators not on {@code active} until none is left; the
     * tier moves.
     */
    private List<TierChange> reclassifyStale(RuleSet active, String by) {
        long started = System.nanoTime();
        List<TierChange> changes = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger done = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean failed =
                new java.util.concurrent.atomic.AtomicBoolean();
        int threads =
                onWorkers(
                        Integer.MAX_VALUE,
                        "reclassify-" + active.version(),
                        () -> {
                            // Each worker walks the tickers in order from its own cursor. Rows it
                            // skipped because another transaction held them are its owner's to
                            // write, except a writer's that committed the old version:
                            // one more pass from the start, once the walk ends, picks those up.
                            String cursor = null;
                            while (!failed.get()) {
                                List<OperatorRow> claimed;
                                String after = cursor;
                                try {
                                    claimed =
                                            db.transaction(
                                                    c -> {
                                                        List<OperatorRow> rows =
                                                                OperatorRepository.claimNotOn(
                                                                        c,
                                                                        active.version(),
                                                                        after,
                                                                        CHUNK);
                                                        writeChunk(c, rows, active, by, changes);
                                                        return rows;
                                                    });
                                } catch (RuntimeException e) {
                                    failed.set(true); // the other workers stop at their next chunk
                                    throw e;
                                }
                                if (claimed.isEmpty()) {
                                    if (cursor == null) {
                                        return;
                                    }
                                    cursor = null;
                                    continue;
                                }
                                cursor = claimed.get(claimed.size() - 1).ticker();
                                int n = claimed.size();
                                done.addAndGet(n);
                                jobs.heartbeat(ClusterJobs.RECLASSIFY);
                            }
                        });
        LOG.infof(
                "Reclassified %d operators with rule set %s in %d ms on %d threads: %d tier"
                        + " changes",
                done.get(), active.version(), millis(started), threads, changes.size());
        return List.copyOf(changes);
    }

    private void writeChunk(
            java.sql.Connection c,
            List<OperatorRow> rows,
            RuleSet ruleSet,
            String by,
            List<TierChange> changes)
            throws java.sql.SQLException {
        List<OperatorRow> written = new ArrayList<>(rows.size());
        List<HistoryRow> history = new ArrayList<>();
        LocalDate today = classifier.today();
        for (OperatorRow row : rows) {
            // The preview just classified this operator with these rules, unless it was written
            // since
            Classification after = previewed.kept(row, ruleSet.version(), today);
            if (after == null) {
                after =
                        classifier.classify(
                                ruleSet, codec.profile(row.ticker(), row.profileJson()), null);
            }
            if (after.tier() != row.tier()) {
                changes.add(new TierChange(row.ticker(), row.tier(), after.tier()));
            }
            OperatorRow next = operators.reclassified(row, after, ruleSet);
            written.add(next);
            if (operators.outline(row).changedTo(next.outline())) {
                history.add(
                        OperatorService.history(
                                next, Cause.RULES, "rule set " + ruleSet.version(), by));
            }
        }
        OperatorRepository.updateClassifications(c, written);
        HistoryRepository.append(c, history);
    }

    /**
     * One chunk of a preview: classified with the candidate, and each timeline replayed under both
     * rule sets.
     */
    private Impact previewChunk(
            List<String> chunk, RuleSet candidate, RuleSet active, PreviewResults.Batch keep) {
        // Read in one short transaction, classified outside it: a chunk's connection is not held
        // while rules run
        List<OperatorRow> rows =
                db.read(
                        c ->
                                OperatorRepository.range(
                                        c, chunk.get(0), chunk.get(chunk.size() - 1), false));
        List<TierChange> changes = new ArrayList<>();
        List<TimelineChange> timeline = new ArrayList<>();
        for (OperatorRow row : rows) {
            OperatorProfile profile = codec.profile(row.ticker(), row.profileJson());
            Classification after = classifier.classify(candidate, profile, null);
            keep.keep(row, after);
            if (after.tier() != row.tier()) {
                changes.add(new TierChange(row.ticker(), row.tier(), after.tier()));
            }
            if (active != null) {
                backtest(row, profile, candidate, active, timeline);
            }
        }
        return new Impact(changes, timeline);
    }

    /**
     * Each date of the operator's timeline on which {@code candidate} and {@code active} give
     * different tiers. The active rule set's tiers were mostly worked out when it was itself
     * previewed as a candidate; the candidate's are kept for the next preview in turn.
     */
    private void backtest(
            OperatorRow row,
            OperatorProfile profile,
            RuleSet candidate,
            RuleSet active,
            List<TimelineChange> out) {
        List<LocalDate> dates = List.copyOf(Timelines.events(profile).keySet());
        if (dates.isEmpty()) {
            return;
        }
        Tier[] was = previewed.tiers(active.version(), row.ticker(), row.profileJson());
        if (was == null || was.length != dates.size()) {
            was = new Tier[dates.size()];
            for (int i = 0; i < was.length; i++) {
                was[i] = classifier.tier(active, profile, dates.get(i));
            }
        }
        Tier[] would = new Tier[dates.size()];
        for (int i = 0; i < would.length; i++) {
            would[i] = classifier.tier(candidate, profile, dates.get(i));
            if (was[i] != would[i]) {
                out.add(new TimelineChange(row.ticker(), dates.get(i), was[i], would[i]));
            }
        }
        previewed.keepTiers(candidate.version(), row.ticker(), row.profileJson(), would);
    }

    /**
     * Brings stored classifications up to date with time: an operator classified on an earlier day
     * is reclassified if a deal's start or end date has passed since (cause {@code DEAL}); one
     * still on another rule set is brought to the active one (cause {@code RULES}). Once an hour
     * among all replicas.
     *
     * @return how many operators got a new classification; 0 where another replica ran it within
     *     the hour
     */
    public int catchUp() {
        if (!jobs.claimPeriodic(ClusterJobs.CATCH_UP, java.time.Duration.ofMinutes(55))) {
            return 0;
        }
        try {
            return catchUpTimer.record(this::catchUpNow);
        } finally {
            jobs.done(ClusterJobs.CATCH_UP);
        }
    }

    private int catchUpNow() {
        RuleSet ruleSet = rules.current();
        LocalDate today = classifier.today();
        List<String> tickers =
                db.read(
                        c ->
                                OperatorRepository.tickers(
                                        c,
                                        "rule_set_version <> ? OR classified_on < ?",
                                        ruleSet.version(),
                                        today));
        int changed = 0;
        for (String ticker : tickers) {
            changed +=
                    db.transaction(
                            c -> {
                                OperatorRow row =
                                        OperatorRepository.find(c, ticker, true).orElse(null);
                                if (row == null) {
                                    return 0;
                                }
                                OperatorProfile profile = codec.profile(ticker, row.profileJson());
                                Classification now = classifier.classify(ruleSet, profile, null);
                                boolean rulesMoved =
                                        !row.ruleSetVersion().equals(ruleSet.version());
                                if (!rulesMoved
                                        && sameOutcome(
                                                codec.classification(
                                                        ticker, row.classificationJson()),
                                                now)) {
                                    OperatorRepository.touch(c, ticker, today);
                                    return 0;
                                }
                                OperatorRow next = operators.row(profile, now, ruleSet);
                                OperatorRepository.updateClassifications(c, List.of(next));
                                if (operators.outline(row).changedTo(next.outline())) {
                                    HistoryRepository.append(
                                            c,
                                            List.of(
                                                    rulesMoved
                                                            ? OperatorService.history(
                                                                    next,
                                                                    Cause.RULES,
                                                                    "rule set " + ruleSet.version(),
                                                                    CATCH_UP)
                                                            : OperatorService.history(
                                                                    next,
                                                                    Cause.DEAL,
                                                                    "a deal's start or end date"
                                                                            + " passed",
                                                                    CATCH_UP)));
                                }
                                return 1;
                            });
        }
        return changed;
    }

    private static boolean sameOutcome(Classification a, Classification b) {
        return a.tier() == b.tier()
                && a.stages().equals(b.stages())
                && a.fullStack() == b.fullStack()
                && a.risks().equals(b.risks())
                && a.metrics().equals(b.metrics());
    }

    /**
     * Runs {@code worker} on as many threads as there are cores (at most {@code tasks}), the
     * calling thread being one of them, and returns how many ran; the first failure of any of them
     * is rethrown once all have ended.
     */
    private static int onWorkers(int tasks, String name, Runnable worker) {
        int threads = Math.max(1, Math.min(tasks, Runtime.getRuntime().availableProcessors()));
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable guarded =
                () -> {
                    try {
                        worker.run();
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                };
        if (threads == 1) {
            guarded.run();
        } else {
            ExecutorService pool =
                    Executors.newFixedThreadPool(
                            threads - 1,
                            r -> {
                                Thread t = new Thread(r, name);
                                t.setDaemon(true);
                                return t;
                            });
            try {
                for (int t = 1; t < threads; t++) {
                    pool.execute(guarded);
                }
                guarded.run();
            } finally {
                pool.shutdown();
                try {
                    pool.awaitTermination(1, TimeUnit.HOURS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return threads;
    }

    private static long millis(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }
}
