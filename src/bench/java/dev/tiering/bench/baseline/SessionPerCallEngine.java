package dev.tiering.bench.baseline;

import dev.tiering.rules.Facts;
import dev.tiering.rules.Outcome;
import dev.tiering.rules.RuleSet;
import dev.tiering.rules.RunawayRuleException;

import dev.tiering.classification.RiskCode;
import dev.tiering.classification.Stage;
import dev.tiering.classification.Tier;
import dev.tiering.rules.facts.DealFact;
import dev.tiering.rules.facts.Explanation;
import dev.tiering.rules.facts.FullStack;
import dev.tiering.rules.facts.RiskFlag;
import dev.tiering.rules.facts.ScreenCandidate;
import dev.tiering.rules.facts.ScreenPick;
import dev.tiering.rules.facts.SiteFact;
import dev.tiering.rules.facts.StageEvidence;
import dev.tiering.rules.facts.TierAssigned;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;

/**
 * The engine as it was before session pooling (commit 4c08997), kept so every benchmark run measures before and
 * after side by side on the same machine load. Not used by the service.
 *
 * <p>Runs a rule set over the facts of one operator (or over the screen's candidates). Each call gets its own
 * session, so concurrent calls never share state; the rule set's KieBase is shared. Knows nothing of HTTP or
 * storage.
 */
public final class SessionPerCallEngine {

    private final int maxFirings;

    public SessionPerCallEngine(int maxFirings) {
        this.maxFirings = maxFirings;
    }

    public int maxFirings() {
        return maxFirings;
    }

    /** Classifies one operator. */
    public Outcome classify(RuleSet rules, Facts facts) {
        Recorder recorder = new Recorder(rules);
        Collection<?> results = run(rules, recorder, session -> {
            session.insert(facts.operator());
            for (SiteFact site : facts.sites()) {
                session.insert(site);
            }
            for (DealFact deal : facts.deals()) {
                session.insert(deal);
            }
        });
        Tier tier = Tier.UNTIERED;
        TreeSet<Stage> stages = new TreeSet<>();
        Map<Stage, List<String>> evidence = new EnumMap<>(Stage.class);
        Map<RiskCode, String> risks = new EnumMap<>(RiskCode.class);
        boolean fullStack = false;
        for (Object o : results) {
            if (o instanceof TierAssigned t) {
                tier = t.tier();
            } else if (o instanceof StageEvidence e) {
                stages.add(e.stage());
                evidence.computeIfAbsent(e.stage(), s -> new ArrayList<>()).add(e.evidence());
            } else if (o instanceof RiskFlag r) {
                risks.merge(r.code(), r.message(), (a, b) -> a + "; " + b);
            } else if (o instanceof FullStack) {
                fullStack = true;
            }
        }
        return new Outcome(tier, Collections.unmodifiableSortedSet(stages), evidence, fullStack, risks,
                recorder.reasons(), recorder.firings());
    }

    /** The screen's picks over all candidates: each kind with its tickers, in the order the rules rank them. */
    public ScreenOutcome screen(RuleSet rules, List<ScreenCandidate> candidates) {
        Recorder recorder = new Recorder(rules);
        Collection<?> results = run(rules, recorder, session -> candidates.forEach(session::insert));
        List<ScreenPick> picks = new ArrayList<>();
        for (Object o : results) {
            if (o instanceof ScreenPick p) {
                picks.add(p);
            }
        }
        return new ScreenOutcome(picks, recorder.reasons());
    }

    /** What the screen rules picked, and why. */
    public record ScreenOutcome(List<ScreenPick> picks, List<Outcome.Reason> reasons) {
    }

    private interface Loader {
        void load(KieSession session);
    }

    private Collection<?> run(RuleSet rules, Recorder recorder, Loader loader) {
        KieSession session = rules.kieBase().newKieSession();
        try {
            if (rules.hasReasonsGlobal()) {
                session.setGlobal(dev.tiering.rules.RuleEngine.REASONS_GLOBAL, recorder);
            }
            session.addEventListener(recorder);
            loader.load(session);
            int fired = session.fireAllRules(maxFirings);
            if (fired >= maxFirings) {
                String rule = recorder.mostFired();
                throw new RunawayRuleException(rule, recorder.fileOf(rule), maxFirings);
            }
            return new ArrayList<>(session.getObjects()); // copy: the view dies with the session
        } finally {
            session.dispose();
        }
    }

    /** Records every firing: the rule, its file, and the sentences its consequence says. */
    private static final class Recorder extends DefaultAgendaEventListener implements Explanation {
        private final RuleSet rules;
        private final List<Outcome.Reason> reasons = new ArrayList<>();
        private final Map<String, Integer> firingsByRule = new HashMap<>();
        private final Map<String, String> files = new HashMap<>();
        private Rule current;
        private boolean said;
        private int firings;

        Recorder(RuleSet rules) {
            this.rules = rules;
        }

        @Override
        public void beforeMatchFired(BeforeMatchFiredEvent event) {
            current = event.getMatch().getRule();
            said = false;
            firings++;
            firingsByRule.merge(current.getName(), 1, Integer::sum);
        }

        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            if (!said && current != null) {
                reasons.add(new Outcome.Reason(current.getName(), file(current), current.getName()));
            }
            current = null;
        }

        @Override
        public void add(String message) {
            if (current == null) {
                return;
            }
            said = true;
            reasons.add(new Outcome.Reason(current.getName(), file(current), message));
        }

        private String file(Rule rule) {
            return files.computeIfAbsent(rule.getName(), n -> rules.fileOf(rule.getPackageName(), n));
        }

        String fileOf(String ruleName) {
            return files.getOrDefault(ruleName, "?");
        }

        String mostFired() {
            return firingsByRule.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                    .orElse("?");
        }

        List<Outcome.Reason> reasons() {
            return List.copyOf(reasons);
        }

        int firings() {
            return firings;
        }
    }
}
