package dev.tiering.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiering.model.Classification;
import dev.tiering.engine.Classifier;
import dev.tiering.model.Tier;
import dev.tiering.store.Views.DealChange;
import dev.tiering.store.Views.HistoryEntry;
import dev.tiering.store.Views.OperatorSummary;
import dev.tiering.store.Views.Stored;
import dev.tiering.store.Views.StoredOperator;
import dev.tiering.model.Deal;
import dev.tiering.model.InvalidProfileException;
import dev.tiering.model.OperatorProfile;
import dev.tiering.model.ProfileLimits;
import dev.tiering.lifecycle.ActiveRules;
import dev.tiering.engine.RuleSet;
import dev.tiering.lifecycle.StoredOperators;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * The operator store: profiles with their deals, current classifications and history. Every write classifies
 * under a row lock, so two writers on one operator queue up instead of losing an update, and the caller gets
 * its answer only after the transaction has committed.
 */
@ApplicationScoped
public class OperatorStore implements StoredOperators {
    private static final Logger LOG = Logger.getLogger(OperatorStore.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Operators per transaction of {@link #reclassifyAll}: few commits, and short waits for other writers. */
    static final int RECLASSIFY_CHUNK = 200;

    private final Classifier classifier;
    private final ActiveRules rules;
    private final ObjectMapper json;
    private final Clock clock;
    private final ProfileLimits limits;

    public OperatorStore(Classifier classifier, ActiveRules rules, ObjectMapper json, Clock clock,
            ProfileLimits limits) {
        this.classifier = classifier;
        this.rules = rules;
        this.json = json;
        this.clock = clock;
        this.limits = limits;
    }

    /** Creates or replaces a profile. */
    @Transactional
    public Stored put(OperatorProfile profile) {
        OperatorRecord row = OperatorRecord.findById(profile.ticker(), LockModeType.PESSIMISTIC_WRITE);
        boolean created = row == null;
        if (created) {
            row = new OperatorRecord();
            row.ticker = profile.ticker();
        }
        Classification after = write(row, profile, rules.current(), Cause.PROFILE,
                created ? "profile created" : "profile replaced");
        if (created) {
            row.persist();
        }
        return new Stored(created, after);
    }

    public Optional<StoredOperator> get(String ticker) {
        return Optional.ofNullable(OperatorRecord.<OperatorRecord>findById(ticker))
                .map(r -> new StoredOperator(profile(r), classification(r)));
    }

    public List<OperatorSummary> list(Tier tier) {
        List<OperatorRecord> rows = tier == null
                ? OperatorRecord.list("order by ticker")
                : OperatorRecord.list("tier = ?1 order by ticker", tier.name());
        return rows.stream().map(r -> OperatorSummary.of(r.name, classification(r))).toList();
    }

    /** Every stored operator with its profile and classification. */
    public List<StoredOperator> all() {
        return OperatorRecord.<OperatorRecord>list("order by ticker").stream()
                .map(r -> new StoredOperator(profile(r), classification(r))).toList();
    }

    public long count() {
        return OperatorRecord.count();
    }

    @Transactional
    public boolean delete(String ticker) {
        boolean deleted = OperatorRecord.deleteById(ticker);
        if (deleted) {
            HistoryRecord.delete("ticker", ticker);
        }
        return deleted;
    }

    /** Adds a deal and reclassifies; 404 for an unknown operator, 409 for a deal id it already has. */
    @Transactional
    public DealChange addDeal(String ticker, Deal deal) {
        return changeDeals(ticker, "deal " + deal.id() + " added", deals -> {
            if (deals.stream().anyMatch(d -> d.id().equals(deal.id()))) {
                throw new DealConflictException("operator " + ticker + " already has a deal '" + deal.id() + "'");
            }
            List<Deal> next = new ArrayList<>(deals);
            next.add(deal);
            return next;
        });
    }

    /** Replaces one deal and reclassifies; 404 for an unknown operator or deal. */
    @Transactional
    public DealChange amendDeal(String ticker, String dealId, Deal deal) {
        return changeDeals(ticker, "deal " + dealId + " amended", deals -> {
            List<Deal> next = new ArrayList<>(deals);
            next.set(indexOf(ticker, deals, dealId), deal);
            return next;
        });
    }

    /** Removes one deal (entered by mistake) and reclassifies; 404 for an unknown operator or deal. */
    @Transactional
    public DealChange removeDeal(String ticker, String dealId) {
        return changeDeals(ticker, "deal " + dealId + " removed", deals -> {
            List<Deal> next = new ArrayList<>(deals);
            next.remove(indexOf(ticker, deals, dealId));
            return next;
        });
    }

    /** One deal of a stored operator. */
    public Deal deal(String ticker, String dealId) {
        OperatorProfile profile = get(ticker).orElseThrow(() -> unknown(ticker)).profile();
        return profile.deals().get(indexOf(ticker, profile.deals(), dealId));
    }

    private DealChange changeDeals(String ticker, String detail, UnaryOperator<List<Deal>> change) {
        OperatorRecord row = lock(ticker);
        OperatorProfile profile = profile(row);
        Classification before = classification(row);
        List<Deal> deals = change.apply(profile.deals());
        if (deals.size() > limits.maxDeals()) {
            throw new InvalidProfileException("deals", "an operator holds at most " + limits.maxDeals() + " deals");
        }
        Classification after = write(row, profile.withDeals(deals), rules.current(), Cause.DEAL, detail);
        return new DealChange(before, after, before.tier() != after.tier());
    }

    /** Every classification of an operator, newest first. */
    public List<HistoryEntry> history(String ticker) {
        if (OperatorRecord.findById(ticker) == null) {
            throw unknown(ticker);
        }
        List<HistoryRecord> rows = HistoryRecord.list("ticker = ?1 order by id desc", ticker);
        return rows.stream().map(h -> new HistoryEntry(h.at, Tier.valueOf(h.tier),
                h.stage == null ? null : dev.tiering.model.Stage.valueOf(h.stage), h.ruleSetVersion,
                Cause.valueOf(h.cause), h.detail)).toList();
    }

    /**
     * Reclassifies every stored operator with {@code ruleSet} (see {@link StoredOperators}). Operators go in
     * chunks of {@value #RECLASSIFY_CHUNK} by ticker, one transaction per chunk that locks the chunk's rows, so a
     * writer of one operator waits for at most one chunk; the chunks run on as many threads as there are cores.
     * Each operator still gets its own history row (cause {@code RULES}, the rule set's version). The rows are
     * read and written with plain JDBC: the entity path rewrote the unchanged profile document and committed
     * once per operator, which made a reload of 10,000 operators cost milliseconds per operator (BENCHMARKS.md).
     */
    @Override
    public List<TierChange> reclassifyAll(RuleSet ruleSet, boolean apply) {
        long started = System.nanoTime();
        List<String> tickers = QuarkusTransaction.requiringNew().call(() -> jdbc(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT ticker FROM operator ORDER BY ticker");
                    ResultSet rs = q.executeQuery()) {
                List<String> all = new ArrayList<>();
                while (rs.next()) {
                    all.add(rs.getString(1));
                }
                return all;
            }
        }));
        int chunks = (tickers.size() + RECLASSIFY_CHUNK - 1) / RECLASSIFY_CHUNK;
        List<List<TierChange>> byChunk = new ArrayList<>(Collections.nCopies(chunks, List.of()));
        int threads = Math.min(chunks, Runtime.getRuntime().availableProcessors());
        AtomicInteger next = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        LongAdder cpuNanos = new LongAdder();
        Runnable worker = () -> {
            long cpu = THREADS.getCurrentThreadCpuTime();
            for (int i = next.getAndIncrement(); i < chunks && failure.get() == null; i = next.getAndIncrement()) {
                List<String> chunk = tickers.subList(i * RECLASSIFY_CHUNK,
                        Math.min(tickers.size(), (i + 1) * RECLASSIFY_CHUNK));
                try {
                    byChunk.set(i, QuarkusTransaction.requiringNew()
                            .call(() -> reclassifyChunk(chunk, ruleSet, apply)));
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }
            cpuNanos.add(THREADS.getCurrentThreadCpuTime() - cpu);
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
        byChunk.forEach(changes::addAll);
        LOG.infof("%s %d operators with rule set %s in %d ms (%d ms CPU on %d threads): %d tier changes",
                apply ? "Reclassified" : "Previewed", tickers.size(), ruleSet.version(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                TimeUnit.NANOSECONDS.toMillis(cpuNanos.sum()), Math.max(threads, 1), changes.size());
        return changes;
    }

    /**
     * One chunk of {@link #reclassifyAll}, inside its transaction: the rows from the chunk's first to its last
     * ticker (locked when applying; one deleted meanwhile is simply absent), classified, and with {@code apply}
     * written back with a history row each. The profile document is read, never rewritten.
     */
    private List<TierChange> reclassifyChunk(List<String> chunk, RuleSet ruleSet, boolean apply) {
        return jdbc(c -> {
            List<String> tickers = new ArrayList<>(chunk.size());
            List<String> profiles = new ArrayList<>(chunk.size());
            List<Tier> before = new ArrayList<>(chunk.size());
            try (PreparedStatement q = c.prepareStatement("SELECT ticker, profile_json, tier FROM operator"
                    + " WHERE ticker >= ? AND ticker <= ? ORDER BY ticker" + (apply ? " FOR UPDATE" : ""))) {
                q.setString(1, chunk.get(0));
                q.setString(2, chunk.get(chunk.size() - 1));
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        tickers.add(rs.getString(1));
                        profiles.add(rs.getString(2));
                        before.add(Tier.valueOf(rs.getString(3)));
                    }
                }
            }
            List<TierChange> changes = new ArrayList<>();
            if (!apply) {
                for (int i = 0; i < tickers.size(); i++) {
                    Tier after = classifier.classify(ruleSet, readProfile(tickers.get(i), profiles.get(i)), null)
                            .tier();
                    if (after != before.get(i)) {
                        changes.add(new TierChange(tickers.get(i), before.get(i), after));
                    }
                }
                return changes;
            }
            String version = ruleSet.version();
            String detail = "rule set " + version;
            LocalDate today = classifier.today();
            try (PreparedStatement update = c.prepareStatement("UPDATE operator SET tier = ?, stage = ?,"
                    + " full_stack = ?, classification_json = ?, rule_set_version = ?, classified_on = ?,"
                    + " updated_at = ? WHERE ticker = ?");
                    PreparedStatement history = c.prepareStatement("INSERT INTO classification_history (ticker,"
                            + " at, tier, stage, rule_set_version, cause, detail) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < tickers.size(); i++) {
                    String ticker = tickers.get(i);
                    Classification after = classifier.classify(ruleSet, readProfile(ticker, profiles.get(i)), null);
                    String stage = after.stage() == null ? null : after.stage().name();
                    OffsetDateTime at = clock.instant().atOffset(ZoneOffset.UTC);
                    update.setString(1, after.tier().name());
                    update.setString(2, stage);
                    update.setBoolean(3, after.fullStack());
                    update.setString(4, toJson(after));
                    update.setString(5, version);
                    update.setObject(6, today);
                    update.setObject(7, at);
                    update.setString(8, ticker);
                    update.addBatch();
                    history.setString(1, ticker);
                    history.setObject(2, at);
                    history.setString(3, after.tier().name());
                    history.setString(4, stage);
                    history.setString(5, version);
                    history.setString(6, Cause.RULES.name());
                    history.setString(7, detail.length() > 400 ? detail.substring(0, 400) : detail);
                    history.addBatch();
                    if (after.tier() != before.get(i)) {
                        changes.add(new TierChange(ticker, before.get(i), after.tier()));
                    }
                }
                update.executeBatch();
                history.executeBatch();
            }
            return changes;
        });
    }

    private interface Jdbc<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} on the JDBC connection of the current transaction. */
    private static <T> T jdbc(Jdbc<T> work) {
        return OperatorRecord.getEntityManager().unwrap(Session.class).doReturningWork(work::run);
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(1, TimeUnit.HOURS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private OperatorProfile readProfile(String ticker, String profileJson) {
        try {
            return json.readValue(profileJson, OperatorProfile.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored profile of " + ticker + " is unreadable", e);
        }
    }

    /**
     * Brings stored classifications up to date with time and rules: an operator classified under another rule
     * set is reclassified (cause {@code RULES}); one classified on an earlier day is reclassified if a deal's
     * start or end date has passed since (cause {@code DEAL}). Runs at start and then hourly.
     *
     * @return how many operators got a new classification
     */
    public int catchUp() {
        RuleSet ruleSet = rules.current();
        LocalDate today = classifier.today();
        List<String> tickers = QuarkusTransaction.requiringNew().call(() -> OperatorRecord
                .<OperatorRecord>list("ruleSetVersion <> ?1 or classifiedOn < ?2", ruleSet.version(), today)
                .stream().map(r -> r.ticker).toList());
        int changed = 0;
        for (String ticker : tickers) {
            Boolean done = QuarkusTransaction.requiringNew().call(() -> {
                OperatorRecord row = OperatorRecord.findById(ticker, LockModeType.PESSIMISTIC_WRITE);
                if (row == null) {
                    return false;
                }
                if (!row.ruleSetVersion.equals(ruleSet.version())) {
                    write(row, profile(row), ruleSet, Cause.RULES, "rule set " + ruleSet.version());
                    return true;
                }
                Classification before = classification(row);
                OperatorProfile profile = profile(row);
                Classification now = classifier.classify(ruleSet, profile, null);
                if (sameOutcome(before, now)) {
                    row.classifiedOn = today;
                    return false;
                }
                store(row, profile, now, ruleSet, Cause.DEAL, "a deal's start or end date passed");
                return true;
            });
            changed += Boolean.TRUE.equals(done) ? 1 : 0;
        }
        return changed;
    }

    private static boolean sameOutcome(Classification a, Classification b) {
        return a.tier() == b.tier() && a.stages().equals(b.stages()) && a.fullStack() == b.fullStack()
                && a.risks().equals(b.risks()) && a.metrics().equals(b.metrics());
    }

    /** Classifies {@code profile}, stores it and its classification in {@code row}, and appends history. */
    private Classification write(OperatorRecord row, OperatorProfile profile, RuleSet ruleSet, Cause cause,
            String detail) {
        Classification c = classifier.classify(ruleSet, profile, null);
        store(row, profile, c, ruleSet, cause, detail);
        return c;
    }

    /** Stores {@code profile} and its classification {@code c} in {@code row}, and appends history. */
    private void store(OperatorRecord row, OperatorProfile profile, Classification c, RuleSet ruleSet, Cause cause,
            String detail) {
        row.name = profile.name();
        row.profileJson = toJson(profile);
        row.tier = c.tier().name();
        row.stage = c.stage() == null ? null : c.stage().name();
        row.fullStack = c.fullStack();
        row.classificationJson = toJson(c);
        row.ruleSetVersion = ruleSet.version();
        row.classifiedOn = classifier.today();
        row.updatedAt = clock.instant();
        HistoryRecord h = new HistoryRecord();
        h.ticker = row.ticker;
        h.at = row.updatedAt;
        h.tier = row.tier;
        h.stage = row.stage;
        h.ruleSetVersion = ruleSet.version();
        h.cause = cause.name();
        h.detail = detail.length() > 400 ? detail.substring(0, 400) : detail;
        h.persist();
    }

    OperatorRecord lock(String ticker) {
        OperatorRecord row = OperatorRecord.findById(ticker, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            throw unknown(ticker);
        }
        return row;
    }

    OperatorProfile profile(OperatorRecord row) {
        return readProfile(row.ticker, row.profileJson);
    }

    Classification classification(OperatorRecord row) {
        try {
            return json.readValue(row.classificationJson, Classification.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored classification of " + row.ticker + " is unreadable", e);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int indexOf(String ticker, List<Deal> deals, String dealId) {
        for (int i = 0; i < deals.size(); i++) {
            if (deals.get(i).id().equals(dealId)) {
                return i;
            }
        }
        throw new OperatorNotFoundException("operator " + ticker + " has no deal '" + dealId + "'");
    }

    public static OperatorNotFoundException unknown(String ticker) {
        return new OperatorNotFoundException("no operator '" + ticker + "'");
    }
}
