package dev.tiering.store;

import dev.tiering.engine.Classifier;
import dev.tiering.engine.RuleSet;
import dev.tiering.engine.Timelines;
import dev.tiering.model.Classification;
import dev.tiering.model.OperatorProfile;
import dev.tiering.store.Views.TimelineEntry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * An operator's classification on every date one of its deals was signed or ended, under a rule set (the active
 * one, or any archived one). The date filtering happens before the rules run (Facts.of keeps only the deals that
 * count on the date), so the rule files never deal with dates, and a rule change shows in the timeline at once:
 * nothing here is stored.
 */
@ApplicationScoped
public class Timeline {
    private final OperatorService store;
    private final Classifier classifier;

    public Timeline(OperatorService store, Classifier classifier) {
        this.store = store;
        this.classifier = classifier;
    }

    public List<TimelineEntry> of(String ticker, RuleSet ruleSet) {
        return of(store.require(ticker).profile(), ruleSet);
    }

    /** The timeline of a profile, oldest first. */
    public List<TimelineEntry> of(OperatorProfile profile, RuleSet ruleSet) {
        var events = Timelines.events(profile);
        List<TimelineEntry> out = new ArrayList<>(events.size());
        events.forEach((date, what) -> {
            Classification c = classifier.classify(ruleSet, profile, date);
            out.add(new TimelineEntry(date, c.tier(), c.stage(), c.stages(), c.fullStack(), String.join("; ", what),
                    ruleSet.version()));
        });
        return out;
    }
}
