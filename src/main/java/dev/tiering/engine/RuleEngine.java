package dev.tiering.engine;

import dev.tiering.engine.facts.ConversionUpside;
import dev.tiering.engine.facts.DealFact;
import dev.tiering.engine.facts.DealOffDate;
import dev.tiering.engine.facts.Explanation;
import dev.tiering.engine.facts.FullStack;
import dev.tiering.engine.facts.GapFound;
import dev.tiering.engine.facts.RiskFlag;
import dev.tiering.engine.facts.ScreenCandidate;
import dev.tiering.engine.facts.ScreenPick;
import dev.tiering.engine.facts.SiteFact;
import dev.tiering.engine.facts.StageEvidence;
import dev.tiering.engine.facts.TierAssigned;
import dev.tiering.engine.sandbox.Budget;
import dev.tiering.engine.sandbox.BudgetExceededError;
import dev.tiering.model.Gap;
import dev.tiering.model.Reason;
import dev.tiering.model.RiskCode;
import dev.tiering.model.Stage;
import dev.tiering.model.Tier;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;

/**
 * Runs a rule set over the facts of one operator (or over the screen's candidates). Each call has a
 * session to itself, so concurrent calls never share state; the rule set's KieBase is shared.
 * Sessions come from the rule set's pool ({@link RuleSet#sessions()}) and are reset when they go
 * back, because building a session and its node memories was a fifth of a classification
 * (BENCHMARKS.md). Knows nothing of HTTP or storage.
 *
 * <p>Longer than most classes because running a session and recording what it did are one job: the
 * recorder is the session's listener and global at once, and splitting it out would only pass the
 * same state back and forth.
 */
public final class RuleEngine {
    /** Name of the global through which consequences explain themselves. */
    public static final String REASONS_GLOBAL = "reasons";

    private final int maxFirings;

    public RuleEngine(int maxFirings) {
        this.maxFirings = maxFirings;
    }

    public int maxFirings() {
        return maxFirings;
    }

    /** Classifies one operator. */
    public Outcome classify(RuleSet rules, Facts facts) {
        Recorder recorder =
                run(
                        rules,
                        session -> {
                            session.insert(facts.operator());
                            for (SiteFact site : facts.sites()) {
                                session.insert(site);
                            }
                            for (DealFact deal : facts.deals()) {
                                session.insert(deal);
                            }
                            for (DealOffDate deal : facts.offDate()) {
                                session.insert(deal);
                            }
                        });
        Tier tier = Tier.UNTIERED;
        TreeSet<Stage> stages = new TreeSet<>();
        Map<Stage, List<String>> evidence = new EnumMap<>(Stage.class);
        Map<RiskCode, String> risks = new EnumMap<>(RiskCode.class);
        boolean fullStack = false;
        double upside = 0;
        boolean upsideKnown = true;
        List<GapFound> found = new ArrayList<>();
        for (Object o : recorder.results) {
            if (o instanceof TierAssigned t) {
                tier = t.tier();
            } else if (o instanceof StageEvidence e) {
                stages.add(e.stage());
                evidence.computeIfAbsent(e.stage(), s -> new ArrayList<>()).add(e.evidence());
            } else if (o instanceof RiskFlag r) {
                risks.merge(r.code(), r.message(), (a, b) -> a + "; " + b);
            } else if (o instanceof FullStack) {
                fullStack = true;
            } else if (o instanceof ConversionUpside u) {
                if (u.usdPerYear() == null) {
                    upsideKnown = false;
                } else {
                    upside += u.usdPerYear();
                }
            } else if (o instanceof GapFound g) {
                found.add(g);
            }
        }
        found.sort(NEAREST_FIRST); // stable: gaps toward the same tier or stage keep the order the
        // rules found them in
        List<Gap> gaps = new ArrayList<>(found.size());
        for (GapFound g : found) {
            gaps.add(recorder.gaps.get(g));
        }
        return new Outcome(
                tier,
                Collections.unmodifiableSortedSet(stages),
                evidence,
                fullStack,
                risks,
                recorder.reasons(),
                List.copyOf(gaps),
                upsideKnown ? upside : null,
                recorder.firings);
    }

    /**
     * Tier gaps before stage gaps; among tiers the nearest first (Tier 3 before Tier 2 for an
     * untiered operator), among stages the nearest first (bare metal before neocloud).
     */
    private static final Comparator<GapFound> NEAREST_FIRST =
            Comparator.comparingInt(
                    (GapFound g) ->
                            g.tier() != null
                                    ? -g.tier().ordinal()
                                    : Tier.values().length + g.stage().ordinal());

    /**
     * The screen's picks over all candidates: each kind with its tickers, in the order the rules
     * rank them.
     */
    public ScreenOutcome screen(RuleSet rules, List<ScreenCandidate> candidates) {
        // One session ranks every candidate: each rule may fire once per candidate, and its code
        // may take a classification's budget per candidate, where one profile gets one of each.
        long n = Math.max(1, candidates.size());
        Recorder recorder =
                run(
                        rules,
                        session -> candidates.forEach(session::insert),
                        (int) Math.min(Integer.MAX_VALUE, maxFirings + n * rules.rules().size()),
                        Budget.STEPS * n,
                        Budget.BYTES + n * 1024);
        List<ScreenPick> picks = new ArrayList<>();
        for (Object o : recorder.results) {
            if (o instanceof ScreenPick p) {
                picks.add(p);
            }
        }
        return new ScreenOutcome(picks, recorder.reasons());
    }

    /** What the screen rules picked, and why. */
    public record ScreenOutcome(List<ScreenPick> picks, List<Reason> reasons) {}

    private interface Loader {
        void load(KieSession session);
    }

    private Recorder run(RuleSet rules, Loader loader) {
        return run(rules, loader, maxFirings, Budget.STEPS, Budget.BYTES);
    }

    private Recorder run(
            RuleSet rules, Loader loader, int maxFirings, long maxSteps, long maxBytes) {
        Recorder recorder = new Recorder(rules);
        KieSession session = rules.sessions().newKieSession();
        boolean intact = false;
        try (Budget budget = Budget.open(maxSteps, maxBytes)) {
            // A pooled session comes back reset, globals and listeners cleared: set both for this
            // call.
            if (rules.hasReasonsGlobal()) {
                session.setGlobal(REASONS_GLOBAL, recorder);
            }
            session.addEventListener((AgendaEventListener) recorder);
            session.addEventListener((RuleRuntimeEventListener) recorder);
            loader.load(session);
            int fired = session.fireAllRules(maxFirings);
            if (fired >= maxFirings) {
                RuleSet.RuleInfo rule = recorder.runaway();
                throw new RunawayRuleException(
                        rule == null ? "?" : rule.name(),
                        rule == null ? "?" : rule.file(),
                        rule == null ? 0 : rule.line(),
                        maxFirings);
            }
            intact = true;
            return recorder;
        } catch (BudgetExceededError | StackOverflowError | OutOfMemoryError e) {
            // Rule code used more than its share: the call ends, naming the rule, and nothing else.
            RuleSet.RuleInfo rule =
                    rules.ruleOfCode(e.getStackTrace()).orElse(recorder.currentRule());
            throw new RunawayRuleException(
                    rule == null ? "?" : rule.name(),
                    rule == null ? "?" : rule.file(),
                    rule == null ? 0 : rule.line(),
                    e instanceof BudgetExceededError b
                            ? b.what()
                            : e instanceof StackOverflowError
                                    ? "called itself too deep"
                                    : "ran out of memory",
                    e instanceof BudgetExceededError b2
                            ? b2.why()
                            : e instanceof StackOverflowError
                                    ? "does a recursion in it never end?"
                                    : "does it fill a collection without end?");
        } finally {
            session.removeEventListener((AgendaEventListener) recorder);
            session.removeEventListener((RuleRuntimeEventListener) recorder);
            if (intact) {
                session.dispose(); // back to the pool, reset
            } else {
                session.destroy(); // cut off half-way: not to be used again
            }
            Reference.reachabilityFence(rules); // keeps its pool alive while its session is out
        }
    }

    /**
     * Records every firing (the rule, its file, and the sentences its consequence says) and every
     * object in working memory that is a result, in the order the rules inserted them, so no copy
     * of working memory is needed at the end.
     */
    private static final class Recorder extends DefaultAgendaEventListener
            implements Explanation, RuleRuntimeEventListener {
        private final RuleSet rules;
        private final List<Reason> reasons = new ArrayList<>();
        final List<Object> results = new ArrayList<>();

        /**
         * Each gap found, with the rule and file that found it: its sentence explains it, so it is
         * no reason too.
         */
        final Map<GapFound, Gap> gaps = new IdentityHashMap<>();

        private final int[] firingsByRule;

        /**
         * Facts each rule modified: a rule that keeps re-matching what it modifies is the runaway
         * one.
         */
        private final int[] updatesByRule;

        private Rule current;
        private RuleSet.RuleInfo currentInfo;
        private boolean said;
        int firings;

        Recorder(RuleSet rules) {
            this.rules = rules;
            this.firingsByRule = new int[rules.rules().size()];
            this.updatesByRule = new int[rules.rules().size()];
        }

        @Override
        public void beforeMatchFired(BeforeMatchFiredEvent event) {
            current = event.getMatch().getRule();
            currentInfo = rules.info(current).orElse(null);
            said = false;
            firings++;
            if (currentInfo != null) {
                firingsByRule[currentInfo.index()]++;
            }
        }

        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            if (!said && current != null) {
                reasons.add(new Reason(current.getName(), file(), current.getName()));
            }
            current = null;
            currentInfo = null;
        }

        @Override
        public void add(String message) {
            if (current == null) {
                return;
            }
            said = true;
            reasons.add(new Reason(current.getName(), file(), message));
        }

        private String file() {
            return currentInfo == null ? "?" : currentInfo.file();
        }

        /**
         * The rule to blame for reaching the firing limit: the one that modified facts most often,
         * or, where no rule modified any, the one that fired most. Rules that merely react to the
         * modified facts fire as often as the rule that modifies them, so firings alone cannot tell
         * them apart.
         */
        RuleSet.RuleInfo runaway() {
            int best = -1;
            for (int i = 0; i < firingsByRule.length; i++) {
                if (best < 0
                        || updatesByRule[i] > updatesByRule[best]
                        || (updatesByRule[i] == updatesByRule[best]
                                && firingsByRule[i] > firingsByRule[best])) {
                    best = i;
                }
            }
            return best < 0 ? null : rules.rules().get(best);
        }

        /** The rule whose consequence is running, if one is. */
        RuleSet.RuleInfo currentRule() {
            return currentInfo;
        }

        List<Reason> reasons() {
            return List.copyOf(reasons);
        }

        @Override
        public void objectInserted(ObjectInsertedEvent event) {
            Object o = event.getObject();
            if (isResult(o)) {
                results.add(o);
            }
            if (o instanceof GapFound g) {
                gaps.put(
                        g,
                        new Gap(
                                g.toward(),
                                current == null ? "?" : current.getName(),
                                file(),
                                g.message()));
                said = true;
            }
            if (o instanceof RiskFlag r && current != null) {
                // a risk's message is the reason of the rule that raised it
                reasons.add(new Reason(current.getName(), file(), r.message()));
                said = true;
            }
        }

        @Override
        public void objectUpdated(ObjectUpdatedEvent event) {
            // results are records: a rule cannot change one in place; only count who modifies.
            // The engine may tell of an update after the next rule began to fire: ask it whose
            // consequence made it.
            RuleSet.RuleInfo by =
                    event.getRule() != null
                            ? rules.info(event.getRule()).orElse(null)
                            : currentInfo;
            if (by != null) {
                updatesByRule[by.index()]++;
            }
        }

        @Override
        public void objectDeleted(ObjectDeletedEvent event) {
            Object o = event.getOldObject();
            if (isResult(o)) {
                for (int i = results.size() - 1; i >= 0; i--) {
                    if (results.get(i) == o) {
                        results.remove(i);
                        gaps.remove(o);
                        break;
                    }
                }
            }
        }

        private static boolean isResult(Object o) {
            return o instanceof TierAssigned
                    || o instanceof StageEvidence
                    || o instanceof RiskFlag
                    || o instanceof FullStack
                    || o instanceof ScreenPick
                    || o instanceof GapFound
                    || o instanceof ConversionUpside;
        }
    }
}
