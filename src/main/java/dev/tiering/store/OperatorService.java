package dev.tiering.store;

import dev.tiering.engine.Classifier;
import dev.tiering.engine.RuleSet;
import dev.tiering.lifecycle.ActiveRules;
import dev.tiering.model.Classification;
import dev.tiering.model.Deal;
import dev.tiering.model.InvalidProfileException;
import dev.tiering.model.OperatorProfile;
import dev.tiering.model.ProfileLimits;
import dev.tiering.model.Tier;
import dev.tiering.store.Views.DealChange;
import dev.tiering.store.Views.HistoryEntry;
import dev.tiering.store.Views.OperatorSummary;
import dev.tiering.store.Views.Stored;
import dev.tiering.store.Views.StoredOperator;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The operators' use cases: store a profile, change its deals, delete it, read it back. Every write classifies
 * with the active rules under the operator's row lock, so two writers of one operator queue up instead of losing
 * an update, and the caller gets its answer only after the transaction has committed.
 */
@ApplicationScoped
public class OperatorService {
    private final Database db;
    private final ProfileCodec codec;
    private final Classifier classifier;
    private final ActiveRules rules;
    private final Clock clock;
    private final ProfileLimits limits;

    public OperatorService(Database db, ProfileCodec codec, Classifier classifier, ActiveRules rules, Clock clock,
            ProfileLimits limits) {
        this.db = db;
        this.codec = codec;
        this.classifier = classifier;
        this.rules = rules;
        this.clock = clock;
        this.limits = limits;
    }

    /**
     * Creates or replaces a profile. Two writers creating the same new ticker at once both succeed: the one that
     * loses the race to insert retries as a replace.
     */
    public Stored put(OperatorProfile profile, String by) {
        try {
            return db.transaction(c -> put(c, profile, by));
        } catch (RuntimeException e) {
            if (!Database.isUniqueViolation(e)) {
                throw e;
            }
            return db.transaction(c -> put(c, profile, by));
        }
    }

    private Stored put(Connection c, OperatorProfile profile, String by) throws SQLException {
        Optional<OperatorRow> existing = OperatorRepository.find(c, profile.ticker(), true);
        RuleSet ruleSet = rules.current();
        Classification after = classifier.classify(ruleSet, profile, null);
        OperatorRow row = row(profile, after, ruleSet);
        if (existing.isEmpty()) {
            OperatorRepository.insert(c, row);
        } else {
            OperatorRepository.update(c, List.of(row));
        }
        if (existing.isEmpty() || outline(existing.get()).changedTo(row.outline())) {
            HistoryRepository.append(c, List.of(history(row, Cause.PROFILE,
                    existing.isEmpty() ? "profile created" : "profile replaced", by)));
        }
        return new Stored(existing.isEmpty(), after);
    }

    public Optional<StoredOperator> get(String ticker) {
        return db.read(c -> OperatorRepository.find(c, ticker, false))
                .map(r -> new StoredOperator(profile(r), classification(r)));
    }

    public StoredOperator require(String ticker) {
        return get(ticker).orElseThrow(() -> unknown(ticker));
    }

    public List<OperatorSummary> list(Tier tier) {
        return db.read(c -> OperatorRepository.list(c, tier)).stream()
                .map(r -> OperatorSummary.of(r.name(), classification(r))).toList();
    }

    /** Every stored operator with its profile and classification. */
    public List<StoredOperator> all() {
        return db.read(c -> OperatorRepository.list(c, null)).stream()
                .map(r -> new StoredOperator(profile(r), classification(r))).toList();
    }

    public long count() {
        return db.read(OperatorRepository::count);
    }

    /** Deletes an operator and its history, under its row lock so no writer of it is halfway. */
    public boolean delete(String ticker) {
        return db.transaction(c -> {
            if (OperatorRepository.find(c, ticker, true).isEmpty()) {
                return false;
            }
            HistoryRepository.deleteOf(c, ticker);
            return OperatorRepository.delete(c, ticker);
        });
    }

    /** Adds a deal and reclassifies; 404 for an unknown operator, 409 for a deal id it already has. */
    public DealChange addDeal(String ticker, Deal deal, String by) {
        return changeDeals(ticker, "deal " + deal.id() + " added", by, deals -> {
            if (deals.stream().anyMatch(d -> d.id().equals(deal.id()))) {
                throw new DealConflictException("operator " + ticker + " already has a deal '" + deal.id() + "'");
            }
            List<Deal> next = new ArrayList<>(deals);
            next.add(deal);
            return next;
        });
    }

    /** Replaces one deal and reclassifies; 404 for an unknown operator or deal. */
    public DealChange amendDeal(String ticker, String dealId, Deal deal, String by) {
        return changeDeals(ticker, "deal " + dealId + " amended", by, deals -> {
            List<Deal> next = new ArrayList<>(deals);
            next.set(indexOf(ticker, deals, dealId), deal);
            return next;
        });
    }

    /** Removes one deal (entered by mistake) and reclassifies; 404 for an unknown operator or deal. */
    public DealChange removeDeal(String ticker, String dealId, String by) {
        return changeDeals(ticker, "deal " + dealId + " removed", by, deals -> {
            List<Deal> next = new ArrayList<>(deals);
            next.remove(indexOf(ticker, deals, dealId));
            return next;
        });
    }

    /** One deal of a stored operator. */
    public Deal deal(String ticker, String dealId) {
        OperatorProfile profile = require(ticker).profile();
        return profile.deals().get(indexOf(ticker, profile.deals(), dealId));
    }

    /** Every change of an operator's classification, newest first. */
    public List<HistoryEntry> history(String ticker) {
        return db.read(c -> {
            if (OperatorRepository.find(c, ticker, false).isEmpty()) {
                throw unknown(ticker);
            }
            return HistoryRepository.of(c, ticker).stream().map(HistoryEntry::of).toList();
        });
    }

    private DealChange changeDeals(String ticker, String detail, String by, UnaryOperator<List<Deal>> change) {
        return db.transaction(c -> {
            OperatorRow row = OperatorRepository.find(c, ticker, true).orElseThrow(() -> unknown(ticker));
            OperatorProfile profile = profile(row);
            Classification before = classification(row);
            List<Deal> deals = change.apply(profile.deals());
            if (deals.size() > limits.maxDeals()) {
                throw new InvalidProfileException("deals", "an operator holds at most " + limits.maxDeals()
                        + " deals");
            }
            OperatorProfile next = profile.withDeals(deals);
            RuleSet ruleSet = rules.current();
            Classification after = classifier.classify(ruleSet, next, null);
            OperatorRow written = row(next, after, ruleSet);
            OperatorRepository.update(c, List.of(written));
            if (outline(row).changedTo(written.outline())) {
                HistoryRepository.append(c, List.of(history(written, Cause.DEAL, detail, by)));
            }
            return new DealChange(before, after, before.tier() != after.tier());
        });
    }

    OperatorRow row(OperatorProfile profile, Classification c, RuleSet ruleSet) {
        return new OperatorRow(profile.ticker(), profile.name(), codec.json(profile), c.tier(), c.stage(),
                c.fullStack(), Outline.risks(c), codec.json(c), ruleSet.version(), classifier.today(),
                clock.instant());
    }

    /** A stored row's outline; rows written before the risks column existed read their risks from the document. */
    Outline outline(OperatorRow row) {
        return row.risks() != null ? row.outline() : Outline.of(classification(row));
    }

    static HistoryRow history(OperatorRow row, Cause cause, String detail, String by) {
        return new HistoryRow(row.ticker(), row.updatedAt(), row.tier(), row.stage(), row.fullStack(), row.risks(),
                row.ruleSetVersion(), cause, detail, by);
    }

    OperatorProfile profile(OperatorRow row) {
        return codec.profile(row.ticker(), row.profileJson());
    }

    Classification classification(OperatorRow row) {
        return codec.classification(row.ticker(), row.classificationJson());
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
