package dev.tiering.operators;

import dev.tiering.engine.Classifier;
import dev.tiering.engine.Facts;
import dev.tiering.engine.Outcome;
import dev.tiering.engine.RuleSet;
import dev.tiering.engine.facts.ScreenCandidate;
import dev.tiering.lifecycle.ArchivedRules;
import dev.tiering.lifecycle.UnknownVersionException;
import dev.tiering.model.Classification;
import dev.tiering.model.Gap;
import dev.tiering.model.Metrics;
import dev.tiering.model.OperatorProfile;
import dev.tiering.model.Reason;
import dev.tiering.model.Risk;
import dev.tiering.store.ClassificationRow;
import dev.tiering.store.Epoch;
import dev.tiering.store.Outline;
import dev.tiering.store.Tally;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;

/**
 * Stored classifications: the small row a classification is stored as, and the whole document
 * worked out again when one is read. The rules are deterministic, so the document of a row is what
 * the rule set and date of the row give for the profile; storing it would make every rule change
 * rewrite every operator's reasons, which is what made a reload of a large store slow.
 */
@ApplicationScoped
public class Classifications {
    private final Classifier classifier;
    private final ArchivedRules archived;

    /**
     * The rule sets that were active just before the current one, newest last: while a rule change
     * reclassifies the store, the operators it has not reached yet are still the previous rule
     * set's answers, and reading them must not compile that rule set again from the archive.
     */
    private final java.util.Deque<RuleSet> recent = new java.util.ArrayDeque<>(); // guarded

    /** How many previously active rule sets are kept at hand. */
    static final int RECENT = 2;

    public Classifications(Classifier classifier, ArchivedRules archived) {
        this.classifier = classifier;
        this.archived = archived;
    }

    /** Keeps {@code ruleSet}, which is about to be replaced, at hand for reading stored rows. */
    public void outgoing(RuleSet ruleSet) {
        if (ruleSet == null) {
            return;
        }
        synchronized (recent) {
            recent.removeIf(r -> r.version().equals(ruleSet.version()));
            recent.addLast(ruleSet);
            while (recent.size() > RECENT) {
                recent.removeFirst();
            }
        }
    }

    /** The rule set of {@code version}: the active one, one kept at hand, or from the archive. */
    private RuleSet ruleSet(String version) {
        synchronized (recent) {
            for (RuleSet r : recent) {
                if (r.version().equals(version)) {
                    return r;
                }
            }
        }
        try {
            return archived.get(version);
        } catch (UnknownVersionException e) {
            return archived.get(null);
        }
    }

    /** A classification with the row it is stored as. */
    public record Classified(Classification classification, ClassificationRow row) {}

    /** Classifies {@code profile} with {@code ruleSet} on {@code day}, as a stored operator is. */
    public Classified classify(RuleSet ruleSet, OperatorProfile profile, LocalDate day) {
        Facts facts = Facts.of(profile, day, ruleSet);
        Outcome outcome = classifier.engine().classify(ruleSet, facts);
        Classification c =
                Classifier.toClassification(profile.ticker(), facts, outcome, ruleSet, null);
        return new Classified(c, row(c, facts.screenCandidate(c.tier(), c.fullStack()), day));
    }

    /**
     * The document of a stored classification: what its rule set gives for {@code profile} on its
     * date, as {@code epoch} says they are (a row that the last pass confirmed is that pass's
     * answer). A version no longer in the archive (written before there was one) is replaced by the
     * active rule set: such a row is reclassified by the first pass after the upgrade.
     */
    public Classification document(OperatorProfile profile, ClassificationRow row, Epoch epoch) {
        RuleSet ruleSet = ruleSet(epoch.versionOf(row));
        LocalDate day = epoch.dayOf(row);
        Facts facts = Facts.of(profile, day, ruleSet);
        Outcome outcome = classifier.engine().classify(ruleSet, facts);
        return Classifier.toClassification(profile.ticker(), facts, outcome, ruleSet, null);
    }

    private static ClassificationRow row(
            Classification c, ScreenCandidate candidate, LocalDate day) {
        return new ClassificationRow(
                c.ticker(),
                c.tier(),
                c.stage(),
                c.fullStack(),
                Outline.risks(c),
                candidate.getBindingBacklogUsd(),
                candidate.getContractQualityUsd(),
                candidate.isInHouseCloud(),
                candidate.getNorthAmericaAiMw(),
                digest(c),
                c.ruleSet().version(),
                day,
                0,
                Tally.bucketOf(c.ticker()));
    }

    /**
     * A 64-bit digest (FNV-1a) of everything a classification answers but the ticker, the rule set
     * and the date: tier, stages, full stack, figures, risks, reasons and gaps with their words.
     * Two classifications with one digest are the same answer; never 0 (which marks a row whose
     * digest is unknown).
     */
    static long digest(Classification c) {
        Fnv h = new Fnv();
        h.add(c.tier()).add(c.stage()).add(c.stages()).add(c.fullStack());
        Metrics m = c.metrics();
        h.add(m.bindingBacklogUsd())
                .add(m.establishedBacklogUsd())
                .add(m.northAmericaAiMw())
                .add(m.largestCounterparty())
                .add(m.largestCounterpartyShare())
                .add(m.densityUsdPerMwYear())
                .add(m.conversionUpsideUsdPerYear());
        for (Risk r : c.risks()) {
            h.add(r.code()).add(r.message());
        }
        h.add("reasons");
        for (Reason r : c.reasons()) {
            h.add(r.rule()).add(r.file()).add(r.message());
        }
        h.add("gaps");
        for (Gap g : c.gaps()) {
            h.add(g.toward()).add(g.rule()).add(g.file()).add(g.message());
        }
        return h.value == 0 ? 1 : h.value;
    }

    /** FNV-1a over the characters of each value, each value closed by a separator. */
    private static final class Fnv {
        long value = 0xcbf29ce484222325L;

        Fnv add(Object o) {
            String s = String.valueOf(o);
            for (int i = 0; i < s.length(); i++) {
                value ^= s.charAt(i);
                value *= 0x100000001b3L;
            }
            value ^= 0x1f;
            value *= 0x100000001b3L;
            return this;
        }
    }
}
