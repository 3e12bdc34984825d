package dev.tiering.store;

import dev.tiering.model.Classification;
import dev.tiering.engine.Classifier;
import dev.tiering.store.Views.TimelineEntry;
import dev.tiering.model.Deal;
import dev.tiering.model.OperatorProfile;
import dev.tiering.lifecycle.ActiveRules;
import dev.tiering.engine.RuleSet;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An operator's classification on every date one of its deals was signed or ended, under the active rules. The
 * date filtering happens before the rules run (Facts.of keeps only the deals that count on the date), so the
 * rule files never deal with dates, and a rule change shows in the timeline at once: nothing here is stored.
 */
@ApplicationScoped
public class Timeline {
    private final OperatorService store;
    private final Classifier classifier;
    private final ActiveRules rules;

    public Timeline(OperatorService store, Classifier classifier, ActiveRules rules) {
        this.store = store;
        this.classifier = classifier;
        this.rules = rules;
    }

    public List<TimelineEntry> of(String ticker) {
        OperatorProfile profile = store.require(ticker).profile();
        return of(profile);
    }

    /** The timeline of a profile, oldest first. */
    public List<TimelineEntry> of(OperatorProfile profile) {
        Map<LocalDate, List<String>> events = new TreeMap<>();
        for (Deal d : profile.deals()) {
            if (d.signed() != null) {
                events.computeIfAbsent(d.signed(), k -> new ArrayList<>()).add("signed " + d.id());
            }
            if (d.ended() != null) {
                events.computeIfAbsent(d.ended(), k -> new ArrayList<>()).add("ended " + d.id());
            }
        }
        RuleSet ruleSet = rules.current();
        List<TimelineEntry> out = new ArrayList<>(events.size());
        events.forEach((date, what) -> {
            Classification c = classifier.classify(ruleSet, profile, date);
            out.add(new TimelineEntry(date, c.tier(), c.stage(), c.stages(), c.fullStack(), String.join("; ", what)));
        });
        return out;
    }
}
