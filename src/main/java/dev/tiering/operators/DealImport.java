package dev.tiering.operators;

import dev.tiering.codec.Spreadsheets.DealRow;
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
import dev.tiering.store.Cause;
import dev.tiering.store.Database;
import dev.tiering.store.HistoryRepository;
import dev.tiering.store.HistoryRow;
import dev.tiering.store.OperatorRepository;
import dev.tiering.store.OperatorRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Deals imported from a spreadsheet, all or nothing: every row is checked (its deal, its operator,
 * no (ticker, id) twice, no operator over its deal limit) before anything is written; then, in one
 * transaction that locks the operators it touches, a row whose (ticker, id) exists amends that deal
 * and any other adds one, and each touched operator is reclassified once, with history cause {@code
 * DEAL} where its outline changed.
 */
@ApplicationScoped
public class DealImport {
    private final Database db;
    private final OperatorService operators;
    private final Classifier classifier;
    private final ActiveRules rules;
    private final ProfileValidator validator;
    private final ProfileLimits limits;

    public DealImport(
            Database db,
            OperatorService operators,
            Classifier classifier,
            ActiveRules rules,
            ProfileValidator validator,
            ProfileLimits limits) {
        this.db = db;
        this.operators = operators;
        this.classifier = classifier;
        this.rules = rules;
        this.validator = validator;
        this.limits = limits;
    }

    /** What the import did to one operator. */
    public record Imported(
            String ticker, Classification before, Classification after, boolean tierChanged) {}

    /**
     * Imports the rows on behalf of {@code by}.
     *
     * @return one entry per operator touched, by ticker
     * @throws InvalidProfileException naming every bad row and column ({@code row 7: valueUsd});
     *     nothing is stored
     */
    public List<Imported> run(List<DealRow> rows, String by) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, List<DealRow>> byTicker =
                new TreeMap<>(); // locks taken in ticker order: no deadlock
        Set<String> seen = new HashSet<>();
        for (DealRow r : rows) {
            for (FieldError e : validator.dealErrors(r.deal(), "")) {
                errors.add(new FieldError("row " + r.row() + ": " + e.field(), e.message()));
            }
            if (!seen.add(r.ticker() + "\u0000" + r.deal().id())) {
                errors.add(
                        new FieldError(
                                "row " + r.row() + ": id",
                                "deal '"
                                        + r.deal().id()
                                        + "' of "
                                        + r.ticker()
                                        + " is in the file twice"));
            }
            byTicker.computeIfAbsent(r.ticker(), t -> new ArrayList<>()).add(r);
        }
        if (!errors.isEmpty()) {
            throw new InvalidProfileException(errors);
        }
        return db.transaction(
                c -> {
                    RuleSet ruleSet = rules.current();
                    List<Imported> out = new ArrayList<>();
                    List<OperatorRow> written = new ArrayList<>();
                    List<HistoryRow> history = new ArrayList<>();
                    for (Map.Entry<String, List<DealRow>> e : byTicker.entrySet()) {
                        OperatorRow row = OperatorRepository.find(c, e.getKey(), true).orElse(null);
                        if (row == null) {
                            e.getValue()
                                    .forEach(
                                            r ->
                                                    errors.add(
                                                            new FieldError(
                                                                    "row " + r.row() + ": ticker",
                                                                    "no operator '"
                                                                            + e.getKey()
                                                                            + "'")));
                            continue;
                        }
                        OperatorProfile profile = operators.profile(row);
                        Map<String, Deal> deals = new LinkedHashMap<>();
                        profile.deals().forEach(d -> deals.put(d.id(), d));
                        int added = 0;
                        int amended = 0;
                        for (DealRow r : e.getValue()) {
                            if (deals.put(r.deal().id(), r.deal()) == null) {
                                added++;
                            } else {
                                amended++;
                            }
                            if (deals.size() > limits.maxDeals()) {
                                errors.add(
                                        new FieldError(
                                                "row " + r.row() + ": id",
                                                e.getKey()
                                                        + " would hold more than "
                                                        + limits.maxDeals()
                                                        + " deals"));
                                break;
                            }
                        }
                        if (!errors.isEmpty()) {
                            continue;
                        }
                        OperatorProfile next = profile.withDeals(new ArrayList<>(deals.values()));
                        Classification before = operators.classification(row);
                        Classification after = classifier.classify(ruleSet, next, null);
                        OperatorRow nextRow = operators.row(next, after, ruleSet);
                        written.add(nextRow);
                        if (operators.outline(row).changedTo(nextRow.outline())) {
                            history.add(
                                    OperatorService.history(
                                            nextRow,
                                            Cause.DEAL,
                                            "deals imported: "
                                                    + added
                                                    + " added, "
                                                    + amended
                                                    + " amended",
                                            by));
                        }
                        out.add(
                                new Imported(
                                        e.getKey(), before, after, before.tier() != after.tier()));
                    }
                    if (!errors.isEmpty()) {
                        throw new InvalidProfileException(
                                errors); // rolls the transaction back: nothing is stored
                    }
                    OperatorRepository.update(c, written);
                    HistoryRepository.append(c, history);
                    return out;
                });
    }

    /** Every deal of every stored operator, by ticker, a page of operators at a time. */
    public void forEachDeals(java.util.function.Consumer<Map<String, List<Deal>>> page) {
        operators.forEachStored(
                stored -> {
                    Map<String, List<Deal>> out = new LinkedHashMap<>();
                    stored.forEach(o -> out.put(o.profile().ticker(), o.profile().deals()));
                    page.accept(out);
                });
    }
}
