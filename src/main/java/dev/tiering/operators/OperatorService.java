package dev.tiering.operators;

import dev.tiering.engine.Classifier;
import dev.tiering.engine.RuleSet;
import dev.tiering.lifecycle.ActiveRules;
import dev.tiering.model.Classification;
import dev.tiering.model.Deal;
import dev.tiering.model.FieldError;
import dev.tiering.model.InvalidProfileException;
import dev.tiering.model.OperatorProfile;
import dev.tiering.model.ProfileLimits;
import dev.tiering.model.ProfileValidator;
import dev.tiering.model.Tier;
import dev.tiering.operators.Classifications.Classified;
import dev.tiering.operators.Views.Counts;
import dev.tiering.operators.Views.DealChange;
import dev.tiering.operators.Views.HistoryEntry;
import dev.tiering.operators.Views.OperatorSummary;
import dev.tiering.operators.Views.Stored;
import dev.tiering.operators.Views.StoredOperator;
import dev.tiering.store.ChangeCause;
import dev.tiering.store.ChangeLog;
import dev.tiering.store.ChangeRecord;
import dev.tiering.store.ClassificationRepository;
import dev.tiering.store.ClassificationRow;
import dev.tiering.store.Database;
import dev.tiering.store.Epoch;
import dev.tiering.store.HistoryRepository;
import dev.tiering.store.OperatorRepository;
import dev.tiering.store.OperatorRow;
import dev.tiering.store.ProfileCodec;
import dev.tiering.store.Tally;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The operators' use cases: store a profile, change its deals, delete it, read it back. Every write
 * classifies with the active rules under the operator's row lock, so two writers of one operator
 * queue up instead of losing an update; it writes the profile, the small classification row, a
 * history entry where the outline moved and the tally, in one transaction, and the caller gets its
 * answer only after the commit. A read works the classification's document out again from the
 * profile (see {@link Classifications}).
 */
@ApplicationScoped
public class OperatorService {
    private final Database db;
    private final ProfileCodec codec;
    private final Classifier classifier;
    private final Classifications classifications;
    private final ActiveRules rules;
    private final Clock clock;
    private final ProfileLimits limits;
    private final ProfileValidator validator;

    public OperatorService(
            Database db,
            ProfileCodec codec,
            Classifier classifier,
            Classifications classifications,
            ActiveRules rules,
            Clock clock,
            ProfileLimits limits,
            ProfileValidator validator) {
        this.db = db;
        this.codec = codec;
        this.classifier = classifier;
        this.classifications = classifications;
        this.rules = rules;
        this.clock = clock;
        this.limits = limits;
        this.validator = validator;
    }

    /**
     * Creates or replaces a profile. Two writers creating the same new ticker at once both succeed:
     * the one that loses the race to insert retries as a replace.
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
        Classified after = write(c, existing.orElse(null), profile);
        ClassificationRow before = existing.map(OperatorRow::classification).orElse(null);
        if (ChangeRecord.moved(before, after.row())) {
            ChangeLog.append(
                    c,
                    List.of(
                            ChangeRecord.written(
                                    before,
                                    after.row(),
                                    clock.instant(),
                                    ChangeCause.PROFILE,
                                    existing.isEmpty() ? "profile created" : "profile replaced",
                                    ChangeReasons.profile(existing.isEmpty()),
                                    by)));
        }
        return new Stored(existing.isEmpty(), after.classification());
    }

    /**
     * Writes {@code profile} over {@code existing} (null: a new operator), classified with the
     * active rules today, and its tally; the caller holds the operator's row lock and writes the
     * history.
     */
    private Classified write(Connection c, OperatorRow existing, OperatorProfile profile)
            throws SQLException {
        RuleSet ruleSet = rules.current();
        Classified next = classifications.classify(ruleSet, profile, classifier.today());
        Instant now = clock.instant();
        String json = codec.json(profile);
        ClassificationRow before = existing == null ? null : existing.classification();
        if (existing == null) {
            OperatorRepository.insert(c, profile.ticker(), profile.name(), json, now);
        } else {
            OperatorRepository.update(c, profile.ticker(), profile.name(), json, now);
        }
        if (before == null) {
            ClassificationRepository.insert(c, next.row());
        } else {
            ClassificationRepository.update(c, next.row());
        }
        Tally tally = new Tally();
        tally.written(before, next.row());
        tally.write(c, now);
        return next;
    }

    public Optional<StoredOperator> get(String ticker) {
        return db.read(
                c -> {
                    Optional<OperatorRow> row = OperatorRepository.find(c, ticker, false);
                    if (row.isEmpty() || row.get().classification() == null) {
                        return Optional.<StoredOperator>empty();
                    }
                    Epoch epoch = ClassificationRepository.epoch(c);
                    OperatorProfile profile = profile(row.get());
                    return Optional.of(
                            new StoredOperator(
                                    profile,
                                    classifications.document(
                                            profile, row.get().classification(), epoch)));
                });
    }

    public StoredOperator require(String ticker) {
        return get(ticker).orElseThrow(() -> unknown(ticker));
    }

    /**
     * An operator's profile and when it was last written (which changes with every write of it);
     * 404 if unknown.
     */
    public record Stamped(OperatorProfile profile, java.time.Instant updatedAt) {}

    public Stamped stamped(String ticker) {
        OperatorRow row =
                db.read(c -> OperatorRepository.find(c, ticker, false))
                        .orElseThrow(() -> unknown(ticker));
        return new Stamped(profile(row), row.updatedAt());
    }

    /**
     * Operators read a page at a time when all of them are walked, so memory stays bounded at any
     * store size.
     */
    static final int PAGE = 500;

    /** A page of a list, and where the next one starts (null after the last). */
    public record Page<T>(List<T> items, String next) {}

    /**
     * Up to {@code limit} stored operators after ticker {@code after}, in ticker order, optionally
     * of one tier.
     */
    public Page<OperatorSummary> list(Tier tier, String after, int limit) {
        record Read(List<OperatorRow> rows, Epoch epoch) {}
        Read read =
                db.read(
                        c ->
                                new Read(
                                        OperatorRepository.page(c, tier, after, limit + 1),
                                        ClassificationRepository.epoch(c)));
        List<OperatorSummary> items = new ArrayList<>();
        for (OperatorRow r : read.rows().subList(0, Math.min(limit, read.rows().size()))) {
            if (r.classification() != null) {
                OperatorProfile profile = profile(r);
                items.add(
                        OperatorSummary.of(
                                r.name(),
                                classifications.document(
                                        profile, r.classification(), read.epoch())));
            }
        }
        String next = read.rows().size() > limit ? read.rows().get(limit - 1).ticker() : null;
        return new Page<>(items, next);
    }

    /** Every stored operator of a tier (or all), a page at a time, in ticker order. */
    public void forEachPage(Tier tier, Consumer<List<OperatorSummary>> page) {
        String after = null;
        do {
            Page<OperatorSummary> p = list(tier, after, PAGE);
            if (!p.items().isEmpty()) {
                page.accept(p.items());
            }
            after = p.next();
        } while (after != null);
    }

    /** Every stored operator's profile, a page at a time, in ticker order. */
    public void forEachProfile(Consumer<List<OperatorProfile>> page) {
        String after = null;
        while (true) {
            String from = after;
            List<OperatorRow> rows = db.read(c -> OperatorRepository.page(c, null, from, PAGE));
            if (rows.isEmpty()) {
                return;
            }
            page.accept(rows.stream().map(this::profile).toList());
            after = rows.get(rows.size() - 1).ticker();
        }
    }

    /**
     * How many operators each tier holds, with change markers (Views.Counts): a few small rows kept
     * by every write, however many operators are stored.
     */
    public Counts counts() {
        record Read(List<Tally.TierCount> tiers, Epoch epoch) {}
        Read read = db.read(c -> new Read(Tally.counts(c), ClassificationRepository.epoch(c)));
        return Counts.of(read.tiers(), read.epoch());
    }

    public long count() {
        return db.read(OperatorRepository::count);
    }

    /** Deletes an operator and its history, under its row lock so no writer of it is halfway. */
    public boolean delete(String ticker, String by) {
        return db.transaction(
                c -> {
                    Optional<OperatorRow> row = OperatorRepository.find(c, ticker, true);
                    if (row.isEmpty()) {
                        return false;
                    }
                    boolean deleted = OperatorRepository.delete(c, ticker);
                    ClassificationRow was = row.get().classification();
                    if (was != null) {
                        Tally tally = new Tally();
                        tally.deleted(was);
                        tally.write(c, clock.instant());
                        ChangeLog.append(
                                c,
                                List.of(
                                        new ChangeRecord(
                                                ticker,
                                                was.outline(),
                                                null,
                                                was.ruleSetVersion(),
                                                clock.instant(),
                                                ChangeCause.DELETE,
                                                "operator deleted",
                                                ChangeReasons.deleted(),
                                                by)));
                    }
                    return deleted;
                });
    }

    /** A deal added ({@code added}), or found stored already with the same fields. */
    public record DealAdded(boolean added, DealChange change) {}

    /**
     * Adds a deal and reclassifies; 404 for an unknown operator, 409 for another deal under an id
     * it already has. The same deal again (a client retrying a request whose answer it lost)
     * changes nothing and answers as the first time did: {@code added} false, before and after the
     * stored classification.
     */
    public DealAdded addDeal(String ticker, Deal deal, String by) {
        Changed changed =
                changeDeals(
                        ticker,
                        "deal " + deal.id() + " added",
                        by,
                        deals -> ChangeReasons.dealAdded(deal),
                        deals -> {
                            for (Deal d : deals) {
                                if (d.id().equals(deal.id())) {
                                    if (d.equals(deal)) {
                                        return deals;
                                    }
                                    throw new DealConflictException(
                                            "operator "
                                                    + ticker
                                                    + " already has another deal '"
                                                    + deal.id()
                                                    + "'");
                                }
                            }
                            List<Deal> next = new ArrayList<>(deals);
                            next.add(deal);
                            return next;
                        });
        return new DealAdded(changed.wrote(), changed.change());
    }

    /** Replaces one deal and reclassifies; 404 for an unknown operator or deal. */
    public DealChange amendDeal(String ticker, String dealId, Deal deal, String by) {
        return changeDeals(
                        ticker,
                        "deal " + dealId + " amended",
                        by,
                        deals -> ChangeReasons.dealAmended(deal),
                        deals -> {
                            List<Deal> next = new ArrayList<>(deals);
                            next.set(indexOf(ticker, deals, dealId), deal);
                            return next;
                        })
                .change();
    }

    /**
     * Removes one deal (entered by mistake) and reclassifies; 404 for an unknown operator or deal.
     */
    public DealChange removeDeal(String ticker, String dealId, String by) {
        return changeDeals(
                        ticker,
                        "deal " + dealId + " removed",
                        by,
                        deals ->
                                ChangeReasons.dealRemoved(
                                        deals.get(indexOf(ticker, deals, dealId))),
                        deals -> {
                            List<Deal> next = new ArrayList<>(deals);
                            next.remove(indexOf(ticker, deals, dealId));
                            return next;
                        })
                .change();
    }

    /**
     * The stored operator with a hypothetical change to its deals, classified by the active rules
     * as of {@code asOf} (today if null) and stored nowhere: before and after, and whether the tier
     * moved.
     *
     * @throws InvalidProfileException naming the field: a bad deal ({@code addDeals[0].valueUsd}),
     *     an id to add that the operator already has, an id to amend or remove that it does not
     */
    public DealChange whatIf(String ticker, WhatIf change) {
        OperatorProfile profile = stamped(ticker).profile();
        List<FieldError> errors = new ArrayList<>();
        Map<String, Deal> deals = new LinkedHashMap<>();
        profile.deals().forEach(d -> deals.put(d.id(), d));
        Set<String> touched = new HashSet<>();
        for (int i = 0; i < change.removeDeals().size(); i++) {
            String id = change.removeDeals().get(i);
            String field = "removeDeals[" + i + "]";
            if (id == null || !deals.containsKey(id)) {
                errors.add(
                        new FieldError(field, "operator " + ticker + " has no deal '" + id + "'"));
            } else if (!touched.add(id)) {
                errors.add(new FieldError(field, "deal '" + id + "' is named twice"));
            } else {
                deals.remove(id);
            }
        }
        for (int i = 0; i < change.amendDeals().size(); i++) {
            Deal d = change.amendDeals().get(i);
            String field = "amendDeals[" + i + "]";
            List<FieldError> bad = validator.dealErrors(d, field);
            if (!bad.isEmpty()) {
                errors.addAll(bad);
            } else if (!deals.containsKey(d.id())) {
                errors.add(
                        new FieldError(
                                field + ".id",
                                "operator " + ticker + " has no deal '" + d.id() + "' to amend"));
            } else if (!touched.add(d.id())) {
                errors.add(new FieldError(field + ".id", "deal '" + d.id() + "' is named twice"));
            } else {
                deals.put(d.id(), d);
            }
        }
        for (int i = 0; i < change.addDeals().size(); i++) {
            Deal d = change.addDeals().get(i);
            String field = "addDeals[" + i + "]";
            List<FieldError> bad = validator.dealErrors(d, field);
            if (!bad.isEmpty()) {
                errors.addAll(bad);
            } else if (deals.containsKey(d.id()) || !touched.add(d.id())) {
                errors.add(
                        new FieldError(
                                field + ".id",
                                "deal '" + d.id() + "' already exists" + " or is named twice"));
            } else {
                deals.put(d.id(), d);
            }
        }
        if (deals.size() > limits.maxDeals()) {
            errors.add(
                    new FieldError(
                            "addDeals",
                            "an operator holds at most " + limits.maxDeals() + " deals"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidProfileException(errors);
        }
        RuleSet ruleSet = rules.current();
        Classification before = classifier.classify(ruleSet, profile, change.asOf());
        Classification after =
                classifier.classify(
                        ruleSet, profile.withDeals(new ArrayList<>(deals.values())), change.asOf());
        return new DealChange(before, after, before.tier() != after.tier());
    }

    /** One deal of a stored operator. */
    public Deal deal(String ticker, String dealId) {
        OperatorProfile profile = stamped(ticker).profile();
        return profile.deals().get(indexOf(ticker, profile.deals(), dealId));
    }

    /** Every change of an operator's classification, newest first. */
    public List<HistoryEntry> history(String ticker) {
        return db.read(
                c -> {
                    if (OperatorRepository.find(c, ticker, false).isEmpty()) {
                        throw unknown(ticker);
                    }
                    return HistoryRepository.of(c, ticker).stream().map(HistoryEntry::of).toList();
                });
    }

    /** A change of deals: before, after, and whether anything was written. */
    private record Changed(DealChange change, boolean wrote) {}

    /**
     * Applies {@code change} to the operator's deals under its row lock and writes the result; a
     * change that leaves the deals as they were writes nothing.
     */
    private Changed changeDeals(
            String ticker,
            String detail,
            String by,
            java.util.function.Function<List<Deal>, String> reason,
            UnaryOperator<List<Deal>> change) {
        return db.transaction(
                c -> {
                    OperatorRow row =
                            OperatorRepository.find(c, ticker, true)
                                    .orElseThrow(() -> unknown(ticker));
                    OperatorProfile profile = profile(row);
                    Classification before = document(c, row, profile);
                    List<Deal> deals = change.apply(profile.deals());
                    if (deals.equals(profile.deals()) && row.classification() != null) {
                        return new Changed(new DealChange(before, before, false), false);
                    }
                    if (deals.size() > limits.maxDeals()) {
                        throw new InvalidProfileException(
                                "deals",
                                "an operator holds at most " + limits.maxDeals() + " deals");
                    }
                    Classified after = write(c, row, profile.withDeals(deals));
                    if (ChangeRecord.moved(row.classification(), after.row())) {
                        ChangeLog.append(
                                c,
                                List.of(
                                        ChangeRecord.written(
                                                row.classification(),
                                                after.row(),
                                                clock.instant(),
                                                ChangeCause.DEAL,
                                                detail,
                                                reason.apply(profile.deals()),
                                                by)));
                    }
                    return new Changed(
                            new DealChange(
                                    before,
                                    after.classification(),
                                    before.tier() != after.classification().tier()),
                            true);
                });
    }

    /**
     * Writes a changed profile of an operator whose row lock the caller holds: the deal import's
     * write, which reports before and after itself.
     */
    Classified writeLocked(Connection c, OperatorRow row, OperatorProfile next)
            throws SQLException {
        return write(c, row, next);
    }

    /** The stored classification of {@code row}, its document worked out again. */
    Classification document(Connection c, OperatorRow row, OperatorProfile profile)
            throws SQLException {
        if (row.classification() == null) {
            return classifier.classify(rules.current(), profile, null);
        }
        return classifications.document(
                profile, row.classification(), ClassificationRepository.epoch(c));
    }

    public OperatorProfile profile(OperatorRow row) {
        return codec.profile(row.ticker(), row.profileJson());
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
