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
import dev.tiering.operators.Views.Counts;
import dev.tiering.operators.Views.DealChange;
import dev.tiering.operators.Views.HistoryEntry;
import dev.tiering.operators.Views.OperatorSummary;
import dev.tiering.operators.Views.Stored;
import dev.tiering.operators.Views.StoredOperator;
import dev.tiering.store.Cause;
import dev.tiering.store.Database;
import dev.tiering.store.HistoryRepository;
import dev.tiering.store.HistoryRow;
import dev.tiering.store.OperatorRepository;
import dev.tiering.store.OperatorRow;
import dev.tiering.store.Outline;
import dev.tiering.store.ProfileCodec;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
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
 * queue up instead of losing an update, and the caller gets its answer only after the transaction
 * has committed.
 */
@ApplicationScoped
public class OperatorService {
    private final Database db;
    private final ProfileCodec codec;
    private final Classifier classifier;
    private final ActiveRules rules;
    private final Clock clock;
    private final ProfileLimits limits;
    private final ProfileValidator validator;

    public OperatorService(
            Database db,
            ProfileCodec codec,
            Classifier classifier,
            ActiveRules rules,
            Clock clock,
            ProfileLimits limits,
            ProfileValidator validator) {
        this.db = db;
        this.codec = codec;
        this.classifier = classifier;
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
        RuleSet ruleSet = rules.current();
        Classification after = classifier.classify(ruleSet, profile, null);
        OperatorRow row = row(profile, after, ruleSet);
        if (existing.isEmpty()) {
            OperatorRepository.insert(c, row);
        } else {
            OperatorRepository.update(c, List.of(row));
        }
        if (existing.isEmpty() || outline(existing.get()).changedTo(row.outline())) {
            HistoryRepository.append(
                    c,
                    List.of(
                            history(
                                    row,
                                    Cause.PROFILE,
                                    existing.isEmpty() ? "profile created" : "profile replaced",
                                    by)));
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
        List<OperatorRow> rows = db.read(c -> OperatorRepository.page(c, tier, after, limit + 1));
        List<OperatorSummary> items =
                rows.stream()
                        .limit(limit)
                        .map(r -> OperatorSummary.of(r.name(), classification(r)))
                        .toList();
        return new Page<>(items, rows.size() > limit ? items.get(items.size() - 1).ticker() : null);
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

    /**
     * Every stored operator with its profile and classification, a page at a time, in ticker order.
     */
    public void forEachStored(Consumer<List<StoredOperator>> page) {
        String after = null;
        while (true) {
            String from = after;
            List<OperatorRow> rows = db.read(c -> OperatorRepository.page(c, null, from, PAGE));
            if (rows.isEmpty()) {
                return;
            }
            page.accept(
                    rows.stream()
                            .map(r -> new StoredOperator(profile(r), classification(r)))
                            .toList());
            after = rows.get(rows.size() - 1).ticker();
        }
    }

    /**
     * How many operators each tier holds, with change markers (Views.Counts): an index scan, no
     * documents.
     */
    public Counts counts() {
        return Counts.of(db.read(OperatorRepository::tiers));
    }

    public long count() {
        return db.read(OperatorRepository::count);
    }

    /** Deletes an operator and its history, under its row lock so no writer of it is halfway. */
    public boolean delete(String ticker) {
        return db.transaction(
                c -> {
                    if (OperatorRepository.find(c, ticker, true).isEmpty()) {
                        return false;
                    }
                    HistoryRepository.deleteOf(c, ticker);
                    return OperatorRepository.delete(c, ticker);
                });
    }

    /**
     * Adds a deal and reclassifies; 404 for an unknown operator, 409 for a deal id it already has.
     */
    public DealChange addDeal(String ticker, Deal deal, String by) {
        return changeDeals(
                ticker,
                "deal " + deal.id() + " added",
                by,
                deals -> {
                    if (deals.stream().anyMatch(d -> d.id().equals(deal.id()))) {
                        throw new DealConflictException(
                                "operator " + ticker + " already has a deal '" + deal.id() + "'");
                    }
                    List<Deal> next = new ArrayList<>(deals);
                    next.add(deal);
                    return next;
                });
    }

    /** Replaces one deal and reclassifies; 404 for an unknown operator or deal. */
    public DealChange amendDeal(String ticker, String dealId, Deal deal, String by) {
        return changeDeals(
                ticker,
                "deal " + dealId + " amended",
                by,
                deals -> {
                    List<Deal> next = new ArrayList<>(deals);
                    next.set(indexOf(ticker, deals, dealId), deal);
                    return next;
                });
    }

    /**
     * Removes one deal (entered by mistake) and reclassifies; 404 for an unknown operator or deal.
     */
    public DealChange removeDeal(String ticker, String dealId, String by) {
        return changeDeals(
                ticker,
                "deal " + dealId + " removed",
                by,
                deals -> {
                    List<Deal> next = new ArrayList<>(deals);
                    next.remove(indexOf(ticker, deals, dealId));
                    return next;
                });
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
        OperatorProfile profile = require(ticker).profile();
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
        OperatorProfile profile = require(ticker).profile();
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

    private DealChange changeDeals(
            String ticker, String detail, String by, UnaryOperator<List<Deal>> change) {
        return db.transaction(
                c -> {
                    OperatorRow row =
                            OperatorRepository.find(c, ticker, true)
                                    .orElseThrow(() -> unknown(ticker));
                    OperatorProfile profile = profile(row);
                    Classification before = classification(row);
                    List<Deal> deals = change.apply(profile.deals());
                    if (deals.size() > limits.maxDeals()) {
                        throw new InvalidProfileException(
                                "deals",
                                "an operator holds at most " + limits.maxDeals() + " deals");
                    }
                    OperatorProfile next = profile.withDeals(deals);
                    RuleSet ruleSet = rules.current();
                    Classification after = classifier.classify(ruleSet, next, null);
                    OperatorRow written = row(next, after, ruleSet);
                    OperatorRepository.update(c, List.of(written));
                    if (outline(row).changedTo(written.outline())) {
                        HistoryRepository.append(
                                c, List.of(history(written, Cause.DEAL, detail, by)));
                    }
                    return new DealChange(before, after, before.tier() != after.tier());
                });
    }

    public OperatorRow row(OperatorProfile profile, Classification c, RuleSet ruleSet) {
        return new OperatorRow(
                profile.ticker(),
                profile.name(),
                codec.json(profile),
                c.tier(),
                c.stage(),
                c.fullStack(),
                Outline.risks(c),
                codec.json(c),
                ruleSet.version(),
                classifier.today(),
                clock.instant());
    }

    /**
     * {@code row} with a new classification of its unchanged profile (a reclassification: no
     * profile to write).
     */
    public OperatorRow reclassified(OperatorRow row, Classification c, RuleSet ruleSet) {
        return new OperatorRow(
                row.ticker(),
                row.name(),
                row.profileJson(),
                c.tier(),
                c.stage(),
                c.fullStack(),
                Outline.risks(c),
                codec.json(c),
                ruleSet.version(),
                classifier.today(),
                clock.instant());
    }

    /**
     * A stored row's outline; rows written before the risks column existed read their risks from
     * the document.
     */
    public Outline outline(OperatorRow row) {
        return row.risks() != null ? row.outline() : Outline.of(classification(row));
    }

    public static HistoryRow history(OperatorRow row, Cause cause, String detail, String by) {
        return new HistoryRow(
                row.ticker(),
                row.updatedAt(),
                row.tier(),
                row.stage(),
                row.fullStack(),
                row.risks(),
                row.ruleSetVersion(),
                cause,
                detail,
                by);
    }

    public OperatorProfile profile(OperatorRow row) {
        return codec.profile(row.ticker(), row.profileJson());
    }

    public Classification classification(OperatorRow row) {
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
