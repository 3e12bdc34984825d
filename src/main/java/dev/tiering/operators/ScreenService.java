package dev.tiering.operators;

import dev.tiering.engine.RuleEngine;
import dev.tiering.engine.RuleSet;
import dev.tiering.engine.facts.ScreenCandidate;
import dev.tiering.engine.facts.ScreenPick;
import dev.tiering.lifecycle.ActiveRules;
import dev.tiering.operators.Views.Screen;
import dev.tiering.store.ClassificationRepository;
import dev.tiering.store.Database;
import dev.tiering.store.Tally;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The note's picks over every stored operator, decided by screen.drl, without reading every
 * operator on each call.
 *
 * <p>The screen's rules pick a candidate on its own figures ("an in-house cloud and at least so
 * many MW") or because no other candidate beats it ("the largest binding backlog"): adding
 * candidates can only take a pick away, never give one. So a candidate picked among all operators
 * is also picked among any part of them that holds it, and the screen of the whole store is the
 * screen of the union of each part's picks. The operators fall in {@value Tally#BUCKETS} buckets;
 * each bucket's picks are kept with the bucket's revision (which every write of an operator in it
 * moves, {@link Tally}), and a call ranks again only the buckets written since, then runs the rules
 * once over the union of the picks, which gives the reasons. The screen rules are written that way
 * (docs/architecture.md says so for whoever edits them); a rule that picks a candidate because
 * others exist would need the whole store again.
 */
@ApplicationScoped
public class ScreenService {
    private final Database db;
    private final ActiveRules rules;
    private final RuleEngine engine;

    /** Each bucket's picks, for the rule set and revision they were ranked with. */
    private final Bucket[] buckets = new Bucket[Tally.BUCKETS]; // guarded by this

    /** The last answer, for the rule set and bucket revisions it was made from. */
    private Answer last; // guarded by this

    private record Bucket(String version, long revision, List<ScreenCandidate> picked) {}

    private record Answer(String version, long[] revisions, Screen screen) {}

    public ScreenService(Database db, ActiveRules rules, RuleEngine engine) {
        this.db = db;
        this.rules = rules;
        this.engine = engine;
    }

    public synchronized Screen screen() {
        RuleSet ruleSet = rules.current();
        // Revisions first, candidates after: a write in between is read with the older
        // revision, and ranked again at the next call.
        long[] revisions = db.read(Tally::buckets);
        if (last != null
                && last.version().equals(ruleSet.version())
                && Arrays.equals(last.revisions(), revisions)) {
            return last.screen();
        }
        List<ScreenCandidate> union = new ArrayList<>();
        for (int b = 0; b < Tally.BUCKETS; b++) {
            Bucket kept = buckets[b];
            if (kept == null
                    || !kept.version().equals(ruleSet.version())
                    || kept.revision() != revisions[b]) {
                int bucket = b;
                List<ScreenCandidate> candidates =
                        db.read(c -> ClassificationRepository.candidates(c, bucket));
                kept = new Bucket(ruleSet.version(), revisions[b], picked(ruleSet, candidates));
                buckets[b] = kept;
            }
            union.addAll(kept.picked());
        }
        RuleEngine.ScreenOutcome outcome = engine.screen(ruleSet, union);
        String fullStack = first(outcome.picks(), ScreenPick.Kind.FULL_STACK_LEADER);
        String quality = first(outcome.picks(), ScreenPick.Kind.CONTRACT_QUALITY_LEADER);
        List<String> high =
                outcome.picks().stream()
                        .filter(p -> p.kind() == ScreenPick.Kind.HIGH_POTENTIAL)
                        .sorted(
                                Comparator.comparingDouble(ScreenPick::rankedBy)
                                        .reversed()
                                        .thenComparing(ScreenPick::ticker))
                        .map(ScreenPick::ticker)
                        .toList();
        Screen screen = new Screen(fullStack, quality, high, outcome.reasons(), ruleSet.version());
        last = new Answer(ruleSet.version(), revisions, screen);
        return screen;
    }

    /** The candidates the rules pick among {@code candidates}, for any pick. */
    private List<ScreenCandidate> picked(RuleSet ruleSet, List<ScreenCandidate> candidates) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        Set<String> tickers = new HashSet<>();
        engine.screen(ruleSet, candidates).picks().forEach(p -> tickers.add(p.ticker()));
        return candidates.stream().filter(c -> tickers.contains(c.getTicker())).toList();
    }

    private static String first(List<ScreenPick> picks, ScreenPick.Kind kind) {
        return picks.stream()
                .filter(p -> p.kind() == kind)
                .map(ScreenPick::ticker)
                .sorted()
                .findFirst()
                .orElse(null);
    }
}
