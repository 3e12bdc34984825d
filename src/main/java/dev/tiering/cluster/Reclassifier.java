package dev.tiering.cluster;

import dev.tiering.engine.Classifier;
import dev.tiering.engine.RuleSet;
import dev.tiering.engine.Timelines;
import dev.tiering.lifecycle.ActiveRules;
import dev.tiering.lifecycle.Impact;
import dev.tiering.lifecycle.StorePort;
import dev.tiering.model.OperatorProfile;
import dev.tiering.model.Tier;
import dev.tiering.model.TierChange;
import dev.tiering.model.TimelineChange;
import dev.tiering.operators.ChangeReasons;
import dev.tiering.operators.Classifications;
import dev.tiering.operators.ScreenService;
import dev.tiering.store.ChangeCause;
import dev.tiering.store.ChangeLog;
import dev.tiering.store.ChangeRecord;
import dev.tiering.store.ClassificationRepository;
import dev.tiering.store.ClassificationRow;
import dev.tiering.store.Database;
import dev.tiering.store.Epoch;
import dev.tiering.store.FileCompaction;
import dev.tiering.store.OperatorRepository;
import dev.tiering.store.OperatorRow;
import dev.tiering.store.ProfileCodec;
import dev.tiering.store.RuleArchive;
import dev.tiering.store.Tally;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Classifies every stored operator again: for a preview of a candidate rule set (nothing written;
 * with a backtest of every operator's timeline), when a rule set goes live (cause {@code RULES}),
 * and to catch up with time (a deal's start or end date passing: cause {@code DEAL}).
 *
 * <p>Each of the last two is a <em>pass</em> over the store with one rule set on one day: it reads
 * every operator written before it began, works out its classification (or takes the preview's),
 * and writes the small classification row only where the answer changed (its digest differs), with
 * a history entry where the outline moved. An operator whose answer is the same costs a read and
 * nothing else. When the pass ends it records itself as the store's epoch ({@link Epoch}): from
 * then on, every row it left alone reads as that rule set's answer on that day.
 *
 * <p>A pass is one cluster job ({@link ClusterJobs#RECLASSIFY}), run by one replica for all, in
 * chunks of {@value #CHUNK} operators on every core, one transaction per chunk, each row written
 * only if no writer got there first. If the replica dies, its heartbeat goes stale and another
 * replica's {@link #sweep} runs the pass again (rows the first one wrote read as the same answer
 * and are left alone). A write through a replica that had not yet followed a rule change lands
 * after the pass began, with the old version: the sweep finds those and brings them to the active
 * one. Timings go to Micrometer ({@code tiering.reclassify}).
 */
@ApplicationScoped
public class Reclassifier implements StorePort {
    private static final Logger LOG = Logger.getLogger(Reclassifier.class);

    /** Who the hourly catch-up and the sweep write history as. */
    static final String CATCH_UP = "catch-up";

    /** Operators per transaction: few commits, and short waits for other writers. */
    static final int CHUNK = 200;

    /** A pass tells the cluster it is alive at most this often (each beat is a commit). */
    private static final long BEAT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Database db;
    private final ProfileCodec codec;
    private final Classifier classifier;
    private final Classifications classifications;
    private final ActiveRules rules;
    private final ClusterJobs jobs;
    private final RuleArchive archive;
    private final java.time.Clock clock;
    private final Timer previewTimer;
    private final Timer applyTimer;
    private final Timer catchUpTimer;
    private final PreviewResults previewed = new PreviewResults();
    private final ScreenService screen;
    private final FileCompaction compaction;

    /**
     * After a pass: the screen ranked again under the new answers (so the board's next call does
     * not wait for it) and the H2 file looked at, on a thread of their own.
     */
    private final ExecutorService afterPass =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread t = new Thread(r, "after-pass");
                        t.setDaemon(true);
                        return t;
                    });

    /** One pass at a time in this process. */
    private final ReentrantLock passes = new ReentrantLock();

    public Reclassifier(
            Database db,
            ProfileCodec codec,
            Classifier classifier,
            Classifications classifications,
            ActiveRules rules,
            ClusterJobs jobs,
            RuleArchive archive,
            ScreenService screen,
            FileCompaction compaction,
            java.time.Clock clock,
            MeterRegistry metrics) {
        this.db = db;
        this.codec = codec;
        this.classifier = classifier;
        this.classifications = classifications;
        this.rules = rules;
        this.jobs = jobs;
        this.archive = archive;
        this.screen = screen;
        this.compaction = compaction;
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
        // While the candidate's pass runs, the operators it has not reached are still the active
        // rule set's answers: keep it at hand for reading them.
        classifications.outgoing(active);
        return previewTimer.record(
                () -> {
                    long started = System.nanoTime();
                    List<String> tickers = db.read(OperatorRepository::tickers);
                    int chunks = (tickers.size() + CHUNK - 1) / CHUNK;
                    List<Impact> byChunk =
                            new ArrayList<>(Collections.nCopies(chunks, Impact.NONE));
                    AtomicInteger next = new AtomicInteger();
                    LocalDate today = classifier.today();
                    PreviewResults.Batch keep = previewed.begin(candidate.version(), today);
                    int threads =
                            onWorkers(
                                    chunks,
                                    "preview-" + candidate.version(),
                                    () -> {
                                        for (int i = next.getAndIncrement();
                                                i < chunks;
                                                i = next.getAndIncrement()) {
                                            byChunk.set(
                                                    i,
                                                    previewChunk(
                                                            chunk(tickers, i),
                                                            candidate,
                                                            active,
                                                            today,
                                                            keep));
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

    @Override
    public List<TierChange> apply(RuleSet active, String by) {
        return applyTimer.record(
                () -> {
                    jobs.begin(ClusterJobs.RECLASSIFY, active.version());
                    try {
                        Pass pass = pass(active, classifier.today(), by);
                        jobs.done(ClusterJobs.RECLASSIFY);
                        return pass.changes();
                    } finally {
                        previewed.release();
                    }
                });
    }

    /**
     * The janitor of the reclassification job, run every few seconds on every replica: takes over a
     * pass whose replica died, runs one for the active rule set if none finished (the pass after
     * the activation failed), and brings to the active version any operator that a writer on a
     * lagging replica stamped with the previous one. Does nothing while this replica has not yet
     * followed the archive's active version, or while a pass runs, here or elsewhere.
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
            int n = pass(active, classifier.today(), "takeover").written();
            jobs.done(ClusterJobs.RECLASSIFY);
            return n;
        }
        // A fresh activation is its replica's to reclassify; only one that replica left unfinished
        // is swept, and never while a pass runs, here or elsewhere.
        if (jobs.running(ClusterJobs.RECLASSIFY)
                || newest.activatedAt().isAfter(clock.instant().minus(jobs.stale()))) {
            return 0;
        }
        Epoch epoch = db.read(ClassificationRepository::epoch);
        if (!active.version().equals(epoch.version())) {
            if (!jobs.claim(ClusterJobs.RECLASSIFY, active.version())) {
                return 0;
            }
            LOG.infof(
                    "No pass over the store finished for rule set %s; running one",
                    active.version());
            try {
                return pass(active, classifier.today(), CATCH_UP).written();
            } finally {
                jobs.done(ClusterJobs.RECLASSIFY);
            }
        }
        List<String> lagging =
                db.read(
                        c ->
                                ClassificationRepository.writtenSinceNotOn(
                                        c, epoch.startSeq(), active.version()));
        if (lagging.isEmpty()) {
            return 0;
        }
        LOG.infof(
                "%d stored operators were written with another rule set than %s after its pass"
                        + " began; reclassifying them",
                lagging.size(), active.version());
        return stragglers(lagging, active, epoch);
    }

    /**
     * Brings stored classifications up to date with time and rules: once a day (the first time it
     * runs on a day the last pass did not), every operator is classified on today's date, and the
     * ones whose answer changed because a deal's start or end date passed are written (cause {@code
     * DEAL}); a store no pass has finished for with the active rule set (just migrated, or the pass
     * after an activation failed) gets one. Among replicas, the one that claims the job runs it.
     *
     * @return how many operators got a new classification; 0 where there was nothing to do or
     *     another replica does it
     */
    public int catchUp() {
        RuleSet active = rules.current();
        LocalDate today = classifier.today();
        Epoch epoch = db.read(ClassificationRepository::epoch);
        if (active.version().equals(epoch.version()) && today.equals(epoch.day())) {
            return 0;
        }
        if (!archive.activeVersion().map(active.version()::equals).orElse(true)) {
            return 0; // this replica has not followed the active version yet
        }
        if (!jobs.claim(ClusterJobs.RECLASSIFY, active.version())) {
            return 0;
        }
        try {
            return catchUpTimer.record(() -> pass(active, today, CATCH_UP).written());
        } finally {
            jobs.done(ClusterJobs.RECLASSIFY);
        }
    }

    /**
     * Whether a pass over the store runs in this process: the change publisher waits for it to end
     * rather than rewrite the events it writes while it writes them.
     */
    public boolean passing() {
        return passes.isLocked();
    }

    /** What a pass did: operators read, rows written, tier moves. */
    record Pass(int read, int written, List<TierChange> changes) {}

    /**
     * One pass over the store with {@code ruleSet} on {@code day}: see the class comment. Stops
     * early (and records nothing) if another rule set goes live meanwhile; its own pass covers the
     * store.
     */
    private Pass pass(RuleSet ruleSet, LocalDate day, String by) {
        passes.lock();
        try {
            long started = System.nanoTime();
            long start = db.beginPass();
            Epoch before = db.read(ClassificationRepository::epoch);
            List<String> tickers = db.read(OperatorRepository::tickers);
            int chunks = (tickers.size() + CHUNK - 1) / CHUNK;
            Counted counted = new Counted();
            AtomicInteger next = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            int threads =
                    onWorkers(
                            Math.max(1, chunks),
                            "reclassify-" + ruleSet.version(),
                            () -> {
                                for (int i = next.getAndIncrement();
                                        i < chunks && !stop.get();
                                        i = next.getAndIncrement()) {
                                    List<String> chunk = chunk(tickers, i);
                                    try {
                                        boolean current =
                                                db.transactionOnce(
                                                        c ->
                                                                passChunk(
                                                                        c, chunk, ruleSet, day,
                                                                        start, before, by,
                                                                        counted));
                                        if (!current) {
                                            stop.set(true);
                                        }
                                    } catch (RuntimeException e) {
                                        stop.set(true); // the other workers stop at their next
                                        throw e;
                                    }
                                    beat(counted);
                                }
                            });
            if (stop.get()) {
                LOG.infof(
                        "Stopped reclassifying with rule set %s after %d operators: another rule"
                                + " set went live",
                        ruleSet.version(), counted.read.get());
            } else {
                db.transaction(
                        c ->
                                ClassificationRepository.finishPass(
                                        c, ruleSet.version(), day, start, clock.instant()));
            }
            List<TierChange> changes = List.copyOf(counted.changes);
            afterPass.execute(
                    () -> {
                        try {
                            screen.screen();
                        } catch (RuntimeException e) {
                            LOG.debugf(
                                    "Ranking the screen after a pass failed: %s", e.getMessage());
                        }
                        if (counted.written.get() > 0) {
                            compaction.soon();
                        }
                    });
            LOG.infof(
                    "Reclassified %d operators with rule set %s in %d ms on %d threads: %d"
                            + " rewritten, %d tier changes",
                    counted.read.get(),
                    ruleSet.version(),
                    millis(started),
                    threads,
                    counted.written.get(),
                    changes.size());
            return new Pass(counted.read.get(), counted.written.get(), changes);
        } finally {
            passes.unlock();
        }
    }

    /** What the chunks of one pass did, gathered across workers. */
    private static final class Counted {
        final AtomicInteger read = new AtomicInteger();
        final AtomicInteger written = new AtomicInteger();
        final List<TierChange> changes = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong lastBeat = new AtomicLong(System.nanoTime());
    }

    private void beat(Counted counted) {
        long last = counted.lastBeat.get();
        long now = System.nanoTime();
        if (now - last >= BEAT_NANOS && counted.lastBeat.compareAndSet(last, now)) {
            jobs.heartbeat(ClusterJobs.RECLASSIFY);
        }
    }

    /**
     * One chunk of a pass, in its transaction: each operator written before the pass began is
     * classified (or the preview's answer taken) and written if its answer changed.
     *
     * @return false if the active rule set is no longer {@code ruleSet}: the pass stops
     */
    private boolean passChunk(
            Connection c,
            List<String> chunk,
            RuleSet ruleSet,
            LocalDate day,
            long start,
            Epoch before,
            String by,
            Counted counted)
            throws SQLException {
        if (!rules.current().version().equals(ruleSet.version())) {
            return false;
        }
        String first = chunk.get(0);
        String last = chunk.get(chunk.size() - 1);
        // The small rows first: where the preview's answers stand, the profiles are not read at
        // all.
        List<ClassificationRow> rows = ClassificationRepository.range(c, first, last);
        java.util.Map<String, OperatorRow> profiles = null;
        List<ClassificationRow> was = new ArrayList<>();
        List<ClassificationRow> now = new ArrayList<>();
        for (ClassificationRow stored : rows) {
            if (stored.seq() > start) {
                continue; // written since the pass began, with the rules of that moment
            }
            counted.read.incrementAndGet();
            ClassificationRow answer =
                    previewed.kept(stored.ticker(), stored.seq(), ruleSet.version(), day);
            if (answer == null) {
                if (profiles == null) {
                    profiles = new java.util.HashMap<>();
                    for (OperatorRow o : OperatorRepository.range(c, first, last)) {
                        profiles.put(o.ticker(), o);
                    }
                }
                OperatorRow row = profiles.get(stored.ticker());
                if (row == null) {
                    continue; // deleted meanwhile
                }
                answer = answer(row, ruleSet, day);
            }
            if (!answer.sameAs(stored)) {
                was.add(stored);
                now.add(answer);
            }
        }
        write(c, was, now, ruleSet, before, by, counted);
        return true;
    }

    /**
     * Brings the given operators, written after the last pass began with another rule set than the
     * active one, to the active one; each is written whatever its answer, so that it carries the
     * active version.
     */
    private int stragglers(List<String> tickers, RuleSet active, Epoch epoch) {
        Counted counted = new Counted();
        LocalDate today = classifier.today();
        for (int i = 0; i < (tickers.size() + CHUNK - 1) / CHUNK; i++) {
            List<String> chunk = chunk(tickers, i);
            db.transaction(
                    c -> {
                        List<ClassificationRow> was = new ArrayList<>();
                        List<ClassificationRow> now = new ArrayList<>();
                        for (OperatorRow row :
                                OperatorRepository.range(
                                        c, chunk.get(0), chunk.get(chunk.size() - 1))) {
                            ClassificationRow stored = row.classification();
                            if (stored != null
                                    && chunk.contains(row.ticker())
                                    && stored.seq() > epoch.startSeq()
                                    && !stored.ruleSetVersion().equals(active.version())) {
                                was.add(stored);
                                now.add(answer(row, active, today));
                            }
                        }
                        write(c, was, now, active, epoch, CATCH_UP, counted);
                        return null;
                    });
        }
        return counted.written.get();
    }

    /**
     * The answer of {@code ruleSet} on {@code day} for {@code row}: the preview's, or worked out.
     */
    private ClassificationRow answer(OperatorRow row, RuleSet ruleSet, LocalDate day) {
        ClassificationRow kept =
                previewed.kept(row.ticker(), row.classification().seq(), ruleSet.version(), day);
        if (kept != null) {
            return kept;
        }
        OperatorProfile profile = codec.profile(row.ticker(), row.profileJson());
        return classifications.classify(ruleSet, profile, day).row();
    }

    /**
     * Writes each new row whose stored row is still as read, with history where the outline moved
     * and the tally; counts what it wrote.
     */
    private void write(
            Connection c,
            List<ClassificationRow> was,
            List<ClassificationRow> now,
            RuleSet ruleSet,
            Epoch before,
            String by,
            Counted counted)
            throws SQLException {
        if (now.isEmpty()) {
            return;
        }
        long[] read = was.stream().mapToLong(ClassificationRow::seq).toArray();
        boolean[] written = ClassificationRepository.updateIfUnchanged(c, now, read);
        Instant at = clock.instant();
        Tally tally = new Tally();
        List<ChangeRecord> changes = new ArrayList<>();
        for (int i = 0; i < now.size(); i++) {
            if (!written[i]) {
                continue; // a writer got there first, with the rules of its moment
            }
            ClassificationRow from = was.get(i);
            ClassificationRow to = now.get(i);
            counted.written.incrementAndGet();
            tally.written(from, to);
            if (ChangeRecord.moved(from, to)) {
                boolean rulesMoved = !ruleSet.version().equals(before.versionOf(from));
                changes.add(
                        ChangeRecord.written(
                                from,
                                to,
                                at,
                                rulesMoved ? ChangeCause.RULES : ChangeCause.DATE,
                                rulesMoved
                                        ? "rule set " + ruleSet.version()
                                        : "a deal's start or end date passed",
                                rulesMoved
                                        ? ChangeReasons.rules(ruleSet.version(), by)
                                        : datePassed(c, from, to),
                                by));
            }
            if (from.tier() != to.tier()) {
                counted.changes.add(new TierChange(to.ticker(), from.tier(), to.tier()));
            }
        }
        ChangeLog.append(c, changes);
        tally.write(c, at);
    }

    /**
     * Which of the operator's deal dates passed between the two classifications: a catch-up moves
     * few operators, so reading the profile again here costs little.
     */
    private String datePassed(Connection c, ClassificationRow from, ClassificationRow to)
            throws SQLException {
        OperatorProfile profile =
                OperatorRepository.find(c, to.ticker(), false)
                        .map(o -> codec.profile(o.ticker(), o.profileJson()))
                        .orElse(null);
        return ChangeReasons.datePassed(profile, from.classifiedOn(), to.classifiedOn());
    }

    /**
     * One chunk of a preview: classified with the candidate, and each timeline replayed under both
     * rule sets.
     */
    private Impact previewChunk(
            List<String> chunk,
            RuleSet candidate,
            RuleSet active,
            LocalDate today,
            PreviewResults.Batch keep) {
        // Read in one short transaction, classified outside it: a chunk's connection is not held
        // while rules run
        List<OperatorRow> rows =
                db.read(
                        c ->
                                OperatorRepository.range(
                                        c, chunk.get(0), chunk.get(chunk.size() - 1)));
        List<TierChange> changes = new ArrayList<>();
        List<TimelineChange> timeline = new ArrayList<>();
        for (OperatorRow row : rows) {
            if (row.classification() == null) {
                continue;
            }
            OperatorProfile profile = codec.profile(row.ticker(), row.profileJson());
            Classifications.Classified after = classifications.classify(candidate, profile, today);
            keep.keep(row.classification().seq(), after.row());
            Tier was = row.classification().tier();
            if (after.row().tier() != was) {
                changes.add(new TierChange(row.ticker(), was, after.row().tier()));
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

    private static List<String> chunk(List<String> tickers, int i) {
        return tickers.subList(i * CHUNK, Math.min(tickers.size(), (i + 1) * CHUNK));
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
