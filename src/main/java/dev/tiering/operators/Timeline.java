package dev.tiering.operators;

import dev.tiering.engine.Classifier;
import dev.tiering.engine.RuleSet;
import dev.tiering.engine.Timelines;
import dev.tiering.model.Classification;
import dev.tiering.model.OperatorProfile;
import dev.tiering.operators.Views.TimelineEntry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * An operator's classification on every date one of its facts began or ended, under a rule set (the
 * active one, or any archived one). The date filtering happens before the rules run (Facts.of keeps
 * only the facts that count on the date), so the rule files never deal with dates, and a rule
 * change shows in the timeline at once.
 *
 * <p>A timeline of an operator with hundreds of dated deals costs seconds of CPU, so it is computed
 * once per state of the operator and rule set: kept in a small cache (an operator's every write
 * changes its key), asked for by many clients at once it is computed once, and no more timelines
 * are computed at a time than there are cores; a request that waits too long for a turn gets a 503.
 */
@ApplicationScoped
public class Timeline {
    static final int CACHED = 256;
    private static final long TURN_WAIT_SECONDS = 30;

    private final OperatorService store;
    private final Classifier classifier;
    private final Semaphore turns =
            new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));
    private final Map<String, List<TimelineEntry>> cache =
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, List<TimelineEntry>> eldest) {
                    return size() > CACHED;
                }
            }; // guarded by itself
    private final Map<String, CompletableFuture<List<TimelineEntry>>> computing =
            new ConcurrentHashMap<>();

    private final io.micrometer.core.instrument.Counter computed;

    public Timeline(
            OperatorService store,
            Classifier classifier,
            io.micrometer.core.instrument.MeterRegistry metrics) {
        this.store = store;
        this.classifier = classifier;
        this.computed =
                io.micrometer.core.instrument.Counter.builder("tiering.timeline.computed")
                        .description(
                                "Timelines of stored operators computed (not served from the"
                                        + " cache)")
                        .register(metrics);
    }

    /** The timeline of a stored operator under {@code ruleSet}, oldest first. */
    public List<TimelineEntry> of(String ticker, RuleSet ruleSet) {
        OperatorService.Stamped stamped = store.stamped(ticker);
        String key = ticker + "\u0000" + stamped.updatedAt() + "\u0000" + ruleSet.version();
        synchronized (cache) {
            List<TimelineEntry> cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        CompletableFuture<List<TimelineEntry>> mine = new CompletableFuture<>();
        CompletableFuture<List<TimelineEntry>> first = computing.putIfAbsent(key, mine);
        if (first != null) {
            return await(first);
        }
        try {
            List<TimelineEntry> timeline = withTurn(() -> of(stamped.profile(), ruleSet));
            computed.increment();
            synchronized (cache) {
                cache.put(key, timeline);
            }
            mine.complete(timeline);
            return timeline;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            computing.remove(key);
        }
    }

    /** The timeline of a profile, oldest first. */
    public List<TimelineEntry> of(OperatorProfile profile, RuleSet ruleSet) {
        var events = Timelines.events(profile);
        List<TimelineEntry> out = new ArrayList<>(events.size());
        events.forEach(
                (date, what) -> {
                    Classification c = classifier.classify(ruleSet, profile, date);
                    out.add(
                            new TimelineEntry(
                                    date,
                                    c.tier(),
                                    c.stage(),
                                    c.stages(),
                                    c.fullStack(),
                                    String.join("; ", what),
                                    ruleSet.version()));
                });
        return List.copyOf(out);
    }

    private <T> T withTurn(java.util.function.Supplier<T> work) {
        try {
            if (!turns.tryAcquire(TURN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new BusyException(
                        "timelines are being computed on every core; try again shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusyException("interrupted while waiting for a turn");
        }
        try {
            return work.get();
        } finally {
            turns.release();
        }
    }

    private static List<TimelineEntry> await(CompletableFuture<List<TimelineEntry>> first) {
        try {
            return first.get(TURN_WAIT_SECONDS * 2, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r
                    ? r
                    : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusyException("interrupted while waiting for a timeline");
        } catch (java.util.concurrent.TimeoutException e) {
            throw new BusyException("the timeline is still being computed; try again shortly");
        }
    }
}
