package dev.tiering.operator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiering.classification.Classification;
import dev.tiering.classification.Classifier;
import dev.tiering.classification.Tier;
import dev.tiering.operator.Views.DealChange;
import dev.tiering.operator.Views.HistoryEntry;
import dev.tiering.operator.Views.OperatorSummary;
import dev.tiering.operator.Views.Stored;
import dev.tiering.operator.Views.StoredOperator;
import dev.tiering.profile.Deal;
import dev.tiering.profile.InvalidProfileException;
import dev.tiering.profile.OperatorProfile;
import dev.tiering.profile.ProfileLimits;
import dev.tiering.rules.ActiveRules;
import dev.tiering.rules.RuleSet;
import dev.tiering.rules.StoredOperators;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The operator store: profiles with their deals, current classifications and history. Every write classifies
 * under a row lock, so two writers on one operator queue up instead of losing an update, and the caller gets
 * its answer only after the transaction has committed.
 */
@ApplicationScoped
public class OperatorStore implements StoredOperators {
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
                h.stage == null ? null : dev.tiering.classification.Stage.valueOf(h.stage), h.ruleSetVersion,
                Cause.valueOf(h.cause), h.detail)).toList();
    }

    @Override
    public List<TierChange> reclassifyAll(RuleSet ruleSet, boolean apply) {
        List<String> tickers = QuarkusTransaction.requiringNew().call(
                () -> OperatorRecord.<OperatorRecord>list("order by ticker").stream().map(r -> r.ticker).toList());
        List<TierChange> changes = new ArrayList<>();
        for (String ticker : tickers) {
            TierChange change = apply
                    ? QuarkusTransaction.requiringNew().call(() -> reclassify(ticker, ruleSet))
                    : QuarkusTransaction.requiringNew().call(() -> preview(ticker, ruleSet));
            if (change != null) {
                changes.add(change);
            }
        }
        return changes;
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
                Classification now = classifier.classify(ruleSet, profile(row), null);
                if (sameOutcome(before, now)) {
                    row.classifiedOn = today;
                    return false;
                }
                write(row, profile(row), ruleSet, Cause.DEAL, "a deal's start or end date passed");
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

    private TierChange reclassify(String ticker, RuleSet ruleSet) {
        OperatorRecord row = OperatorRecord.findById(ticker, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            return null; // deleted meanwhile
        }
        Tier before = Tier.valueOf(row.tier);
        Classification after = write(row, profile(row), ruleSet, Cause.RULES, "rule set " + ruleSet.version());
        return before == after.tier() ? null : new TierChange(ticker, before, after.tier());
    }

    private TierChange preview(String ticker, RuleSet ruleSet) {
        OperatorRecord row = OperatorRecord.findById(ticker);
        if (row == null) {
            return null;
        }
        Tier before = Tier.valueOf(row.tier);
        Tier after = classifier.classify(ruleSet, profile(row), null).tier();
        return before == after ? null : new TierChange(ticker, before, after);
    }

    /** Classifies {@code profile}, stores it and its classification in {@code row}, and appends history. */
    private Classification write(OperatorRecord row, OperatorProfile profile, RuleSet ruleSet, Cause cause,
            String detail) {
        Classification c = classifier.classify(ruleSet, profile, null);
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
        return c;
    }

    OperatorRecord lock(String ticker) {
        OperatorRecord row = OperatorRecord.findById(ticker, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            throw unknown(ticker);
        }
        return row;
    }

    OperatorProfile profile(OperatorRecord row) {
        try {
            return json.readValue(row.profileJson, OperatorProfile.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored profile of " + row.ticker + " is unreadable", e);
        }
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

    static OperatorNotFoundException unknown(String ticker) {
        return new OperatorNotFoundException("no operator '" + ticker + "'");
    }
}
