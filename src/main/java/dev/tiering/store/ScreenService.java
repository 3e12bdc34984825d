package dev.tiering.store;

import dev.tiering.engine.Classifier;
import dev.tiering.engine.Facts;
import dev.tiering.engine.RuleEngine;
import dev.tiering.engine.RuleSet;
import dev.tiering.engine.facts.ScreenCandidate;
import dev.tiering.engine.facts.ScreenPick;
import dev.tiering.lifecycle.ActiveRules;
import dev.tiering.store.Views.Screen;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The note's picks over every stored operator, decided by screen.drl. */
@ApplicationScoped
public class ScreenService {
    private final OperatorService store;
    private final ActiveRules rules;
    private final Classifier classifier;

    public ScreenService(OperatorService store, ActiveRules rules, Classifier classifier) {
        this.store = store;
        this.rules = rules;
        this.classifier = classifier;
    }

    public Screen screen() {
        RuleSet ruleSet = rules.current();
        // A candidate is a handful of figures: all of them fit in memory at any store size, the
        // profiles do not.
        List<ScreenCandidate> candidates = new ArrayList<>();
        store.forEachStored(
                page -> {
                    for (var stored : page) {
                        Facts facts = classifier.facts(ruleSet, stored.profile(), null);
                        candidates.add(
                                facts.screenCandidate(
                                        stored.classification().tier(),
                                        stored.classification().fullStack()));
                    }
                });
        RuleEngine.ScreenOutcome outcome = classifier.engine().screen(ruleSet, candidates);
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
        return new Screen(fullStack, quality, high, outcome.reasons(), ruleSet.version());
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
