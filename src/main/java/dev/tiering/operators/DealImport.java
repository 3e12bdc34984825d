package dev.tiering.operators;

import dev.tiering.codec.Spreadsheets.DealRow;
import dev.tiering.model.Classification;
import dev.tiering.model.Counterparties;
import dev.tiering.model.Deal;
import dev.tiering.model.FieldError;
import dev.tiering.model.InvalidProfileException;
import dev.tiering.model.OperatorProfile;
import dev.tiering.model.ProfileLimits;
import dev.tiering.model.ProfileValidator;
import dev.tiering.operators.Classifications.Classified;
import dev.tiering.store.ChangeCause;
import dev.tiering.store.ChangeLog;
import dev.tiering.store.ChangeRecord;
import dev.tiering.store.Database;
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
                    List<ChangeRecord> changes = new ArrayList<>();
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
                        List<Deal> added = new ArrayList<>();
                        List<Deal> amended = new ArrayList<>();
                        for (DealRow r : e.getValue()) {
                            Deal incoming = keptGuarantee(deals.get(r.deal().id()), r, missing);
                            if (deals.put(incoming.id(), incoming) == null) {
                                added.add(incoming);
                            } else {
                                amended.add(incoming);
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
                        if (ChangeRecord.moved(row.classification(), after.row())) {
                            changes.add(
                                    ChangeRecord.written(
                                            row.classification(),
                                            after.row(),
                                            clock.instant(),
                                            ChangeCause.DEAL,
                                            "deals imported: "
                                                    + added.size()
                                                    + " added, "
                                                    + amended.size()
                                                    + " amended",
                                            ChangeReasons.imported(added, amended),
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
                    ChangeLog.append(c, changes);
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

    /**
     * The row's deal, with the guaranteed amount of the deal it amends: the sheet has no column for
     * it, so an export imported back keeps it, as long as the guarantor is the same. A new value
     * below that amount is refused on the row (the amount is amended with the deal, by its
     * endpoint).
     */
    private static Deal keptGuarantee(Deal stored, DealRow r, List<FieldError> errors) {
        Deal incoming = r.deal();
        if (stored == null
                || stored.guaranteedUsd() == null
                || stored.guarantor() == null
                || incoming.guarantor() == null
                || !Counterparties.key(stored.guarantor())
                        .equals(Counterparties.key(incoming.guarantor()))) {
            return incoming;
        }
        if (incoming.valueUsd() != null && incoming.valueUsd() < stored.guaranteedUsd()) {
            errors.add(
                    new FieldError(
                            "row " + r.row() + ": valueUsd",
                            "below the USD "
                                    + String.format(
                                            java.util.Locale.ROOT, "%,.0f", stored.guaranteedUsd())
                                    + " the deal's guarantor backs (guaranteedUsd); amend that"
                                    + " deal as a whole, with PUT /operators/{ticker}/deals/{id}"));
            return incoming;
        }
        return incoming.withGuaranteedUsd(stored.guaranteedUsd());
    }
}
