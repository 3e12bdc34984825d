package dev.tiering.operators;

import dev.tiering.codec.Spreadsheets.DealRow;
import dev.tiering.model.Classification;
import dev.tiering.model.Deal;
import dev.tiering.model.FieldError;
import dev.tiering.model.InvalidProfileException;
import dev.tiering.model.OperatorProfile;
import dev.tiering.model.ProfileLimits;
import dev.tiering.model.ProfileValidator;
import dev.tiering.operators.Classifications.Classified;
import dev.tiering.store.Cause;
import dev.tiering.store.Database;
import dev.tiering.store.HistoryRepository;
import dev.tiering.store.HistoryRow;
import dev.tiering.store.OperatorRepository;
import dev.tiering.store.OperatorRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
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
 * DEAL} where its outline changed. An operator whose deals the rows leave as they are is not
 * written: an import sent twice changes nothing the second time, and moves no one.
 */
@ApplicationScoped
public class DealImport {
    private final Database db;
    private final OperatorService operators;
    private final ProfileValidator validator;
    private final ProfileLimits limits;
    private final Clock clock;

    public DealImport(
            Database db,
            OperatorService operators,
            ProfileValidator validator,
            ProfileLimits limits,
            Clock clock) {
        this.db = db;
        this.operators = operators;
        this.validator = validator;
        this.limits = limits;
        this.clock = clock;
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
                    // Each run of the transaction finds its own errors (it may run twice).
                    List<FieldError> missing = new ArrayList<>();
                    List<Imported> out = new ArrayList<>();
                    List<HistoryRow> history = new ArrayList<>();
                    for (Map.Entry<String, List<DealRow>> e : byTicker.entrySet()) {
                        OperatorRow row = OperatorRepository.find(c, e.getKey(), true).orElse(null);
                        if (row == null) {
                            e.getValue()
                                    .forEach(
                                            r ->
                                                    missing.add(
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
                                missing.add(
                                        new FieldError(
                                                "row " + r.row() + ": id",
                                                e.getKey()
                                                        + " would hold more than "
                                                        + limits.maxDeals()
                                                        + " deals"));
                                break;
                            }
                        }
                        if (!missing.isEmpty()) {
                            continue;
                        }
                        Classification before = operators.document(c, row, profile);
                        List<Deal> next = new ArrayList<>(deals.values());
                        if (next.equals(profile.deals()) && row.classification() != null) {
                            // The same deals again (an import sent twice): nothing to write.
                            out.add(new Imported(e.getKey(), before, before, false));
                            continue;
                        }
                        Classified after = operators.writeLocked(c, row, profile.withDeals(next));
                        if (row.classification() == null
                                || row.classification()
                                        .outline()
                                        .changedTo(after.row().outline())) {
                            history.add(
                                    OperatorService.history(
                                            after.row(),
                                            clock.instant(),
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
                                        e.getKey(),
                                        before,
                                        after.classification(),
                                        before.tier() != after.classification().tier()));
                    }
                    if (!missing.isEmpty()) {
                        throw new InvalidProfileException(
                                missing); // rolls the transaction back: nothing is stored
                    }
                    HistoryRepository.append(c, history);
                    return out;
                });
    }

    /** Every deal of every stored operator, by ticker, a page of operators at a time. */
    public void forEachDeals(java.util.function.Consumer<Map<String, List<Deal>>> page) {
        operators.forEachProfile(
                profiles -> {
                    Map<String, List<Deal>> out = new LinkedHashMap<>();
                    profiles.forEach(p -> out.put(p.ticker(), p.deals()));
                    page.accept(out);
                });
    }
}
