package dev.tiering.store;

import dev.tiering.engine.Classifier;
import dev.tiering.engine.RuleSet;
import dev.tiering.lifecycle.ActiveRules;
import dev.tiering.engine.Timelines;
import dev.tiering.lifecycle.Impact;
import dev.tiering.lifecycle.StorePort;
import dev.tiering.model.Classification;
import dev.tiering.model.OperatorProfile;
import dev.tiering.model.Tier;
import dev.tiering.model.TierChange;
import dev.tiering.model.TimelineChange;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
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
 * Classifies every stored operator again: for a preview of a candidate rule set (nothing written; with a backtest
 * of every operator's timeline), when a rule set goes live (cause {@code RULES}), and to catch up with time (a
 * deal's start or end date passing). History gets a row only where an operator's outline (tier, stage, full stack,
 * risks) changed, so a rule change that moves nobody writes no history.
 *
 * <p>Operators go in chunks of {@value #CHUNK} by ticker, one transaction per chunk that locks the chunk's rows,
 * so a writer of one operator waits for at most one chunk; the chunks run on as many threads as there are cores.
 * Reading and writing a chunk is plain batched JDBC, and the unchanged profile document is never rewritten.
 * Timings go to Micrometer ({@code tiering.reclassify}).
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
    private final Clock clock;
    private final Timer previewTimer;
    private final Timer applyTimer;
    private final Timer catchUpTimer;

    public Reclassifier(Database db, ProfileCodec codec, Classifier classifier, ActiveRules rules,
            OperatorService operators, Clock clock, MeterRegistry metrics) {
        this.db = db;
        this.codec = codec;
        this.classifier = classifier;
        this.rules = rules;
        this.operators = operators;
        this.clock = clock;
        this.previewTimer = timer(metrics, "preview");
        this.applyTimer = timer(metrics, "apply");
        this.catchUpTimer = timer(metrics, "catch-up");
    }

    private static Timer timer(MeterRegistry metrics, String pass) {
        return Timer.builder("tiering.reclassify").description("Reclassifying every stored operator")
                .tag("pass", pass).register(metrics);
    }

    @Override
    public Impact preview(RuleSet candidate, RuleSet active) {
        return previewTimer.record(() -> everyChunk(candidate, active, null));
    }

    @Override
    public List<TierChange> apply(RuleSet active, String by) {
        return applyTimer.record(() -> everyChunk(active, null, by).changes());
    }

    /** A preview (with {@code by} null, comparing timelines with {@code active} if there is one) or an apply. */
    private Impact everyChunk(RuleSet ruleSet, RuleSet active, String by) {
        boolean apply = by != null;
        long started = System.nanoTime();
        List<String> tickers = db.read(c -> OperatorRepository.tickers(c, null));
        int chunks = (tickers.size() + CHUNK - 1) / CHUNK;
        List<Impact> byChunk = new ArrayList<>(Collections.nCopies(chunks, Impact.NONE));
        int threads = Math.min(chunks, Runtime.getRuntime().availableProcessors());
        AtomicInteger next = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < chunks && failure.get() == null; i = next.getAndIncrement()) {
                List<String> chunk = tickers.subList(i * CHUNK, Math.min(tickers.size(), (i + 1) * CHUNK));
                try {
                    byChunk.set(i, chunk(chunk, ruleSet, active, by));
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        if (threads <= 1) {
            worker.run();
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads - 1, r -> {
                Thread t = new Thread(r, "reclassify-" + ruleSet.version());
                t.setDaemon(true);
                return t;
            });
            try {
                for (int t = 1; t < threads; t++) {
                    pool.execute(worker);
                }
                worker.run(); // the calling thread is one of the workers
            } finally {
                pool.shutdown();
                awaitQuietly(pool);
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        List<TierChange> changes = new ArrayList<>();
        List<TimelineChange> timeline = new ArrayList<>();
        byChunk.forEach(i -> {
            changes.addAll(i.changes());
            timeline.addAll(i.timelineChanges());
        });
        LOG.infof("%s %d operators with rule set %s in %d ms on %d threads: %d tier changes%s",
                apply ? "Reclassified" : "Previewed", tickers.size(), ruleSet.version(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), Math.max(threads, 1), changes.size(),
                apply || active == null ? "" : ", " + timeline.size() + " timeline changes");
        return new Impact(changes, timeline);
    }

    /**
     * One chunk, in its transaction: the rows from the chunk's first to its last ticker (locked when applying; one
     * deleted meanwhile is simply absent), classified. Applying writes each back, with a history row where its
     * outline changed; previewing also replays each operator's timeline under both rule sets.
     */
    private Impact chunk(List<String> chunk, RuleSet ruleSet, RuleSet active, String by) {
        boolean apply = by != null;
        return db.transaction(c -> {
            List<OperatorRow> rows = OperatorRepository.range(c, chunk.get(0), chunk.get(chunk.size() - 1), apply);
            List<TierChange> changes = new ArrayList<>();
            List<TimelineChange> timeline = new ArrayList<>();
            List<OperatorRow> written = new ArrayList<>(rows.size());
            List<HistoryRow> history = new ArrayList<>();
            for (OperatorRow row : rows) {
                OperatorProfile profile = codec.profile(row.ticker(), row.profileJson());
                Classification after = classifier.classify(ruleSet, profile, null);
                if (after.tier() != row.tier()) {
                    changes.add(new TierChange(row.ticker(), row.tier(), after.tier()));
                }
                if (apply) {
                    OperatorRow next = operators.row(profile, after, ruleSet);
                    written.add(next);
                    if (operators.outline(row).changedTo(next.outline())) {
                        history.add(OperatorService.history(next, Cause.RULES, "rule set " + ruleSet.version(), by));
                    }
                } else if (active != null) {
                    backtest(row.ticker(), profile, ruleSet, active, timeline);
                }
            }
            if (apply) {
                OperatorRepository.updateClassifications(c, written);
                HistoryRepository.append(c, history);
            }
            return new Impact(changes, timeline);
        });
    }

    /** Each date of the operator's timeline on which {@code candidate} and {@code active} give different tiers. */
    private void backtest(String ticker, OperatorProfile profile, RuleSet candidate, RuleSet active,
            List<TimelineChange> out) {
        for (LocalDate date : Timelines.events(profile).keySet()) {
            Tier was = classifier.classify(active, profile, date).tier();
            Tier would = classifier.classify(candidate, profile, date).tier();
            if (was != would) {
                out.add(new TimelineChange(ticker, date, was, would));
            }
        }
    }

    /**
     * Brings stored classifications up to date with time and rules: an operator classified under another rule
     * set is reclassified (cause {@code RULES}); one classified on an earlier day is reclassified if a deal's
     * start or end date has passed since (cause {@code DEAL}).
     *
     * @return how many operators got a new classification
     */
    public int catchUp() {
        return catchUpTimer.record(() -> {
            RuleSet ruleSet = rules.current();
            LocalDate today = classifier.today();
            List<String> tickers = db.read(c -> OperatorRepository.tickers(c,
                    "rule_set_version <> ? OR classified_on < ?", ruleSet.version(), today));
            int changed = 0;
            for (String ticker : tickers) {
                changed += db.transaction(c -> {
                    OperatorRow row = OperatorRepository.find(c, ticker, true).orElse(null);
                    if (row == null) {
                        return 0;
                    }
                    OperatorProfile profile = codec.profile(ticker, row.profileJson());
                    Classification now = classifier.classify(ruleSet, profile, null);
                    boolean rulesMoved = !row.ruleSetVersion().equals(ruleSet.version());
                    if (!rulesMoved && sameOutcome(codec.classification(ticker, row.classificationJson()), now)) {
                        OperatorRepository.touch(c, ticker, today);
                        return 0;
                    }
                    OperatorRow next = operators.row(profile, now, ruleSet);
                    OperatorRepository.updateClassifications(c, List.of(next));
                    if (operators.outline(row).changedTo(next.outline())) {
                        HistoryRepository.append(c, List.of(rulesMoved
                                ? OperatorService.history(next, Cause.RULES, "rule set " + ruleSet.version(), CATCH_UP)
                                : OperatorService.history(next, Cause.DEAL, "a deal's start or end date passed",
                                        CATCH_UP)));
                    }
                    return 1;
                });
            }
            return changed;
        });
    }

    private static boolean sameOutcome(Classification a, Classification b) {
        return a.tier() == b.tier() && a.stages().equals(b.stages()) && a.fullStack() == b.fullStack()
                && a.risks().equals(b.risks()) && a.metrics().equals(b.metrics());
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(1, TimeUnit.HOURS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
