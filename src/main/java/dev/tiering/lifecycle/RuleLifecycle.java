package dev.tiering.lifecycle;
import dev.tiering.config.RulesConfig;
import dev.tiering.engine.RuleCompiler;
import dev.tiering.engine.RunawayRuleException;
import dev.tiering.engine.RuleError;
import dev.tiering.engine.RuleCompilationException;
import dev.tiering.engine.RuleSet;
import dev.tiering.scenario.Scenario;
import dev.tiering.scenario.ScenarioGate;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiering.model.ProfileValidator;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Takes the rule folder from files to the live rule set: compile a candidate, check it against the scenarios,
 * then either report its impact (dry run) or swap it in and reclassify every stored operator. One reload runs
 * at a time; a refused candidate leaves the live rule set serving and is remembered as {@code lastError}.
 *
 * <p>A folder whose version (hash of its rule files) equals the live one is not recompiled or re-swapped, and
 * stored operators are not reclassified (they already carry that version); its scenarios are still checked,
 * because editing a scenario does not change the version.
 */
@ApplicationScoped
public class RuleLifecycle {
    private static final Logger LOG = Logger.getLogger(RuleLifecycle.class);

    private final ActiveRules active;
    private final ScenarioGate gate;
    private final Supplier<StoredOperators> stored;
    private final Clock clock;
    private final boolean watching;
    private final ReentrantLock reloads = new ReentrantLock(true);

    private volatile RulesView.LastError lastError;
    private volatile int scenarios;
    /** A swap went through but reclassifying the store failed: the next reload retries even if unchanged. */
    private boolean reclassifyPending; // guarded by reloads

    @Inject
    public RuleLifecycle(ActiveRules active, RulesConfig config, ObjectMapper json, ProfileValidator validator,
            Instance<StoredOperators> stored, Clock clock) {
        this(active, new ScenarioGate(json, validator, active.engine(), clock),
                () -> stored.isResolvable() ? stored.get() : null, clock, config.watch());
    }

    /** Without CDI: {@code stored} may answer null when there is no operator store. */
    RuleLifecycle(ActiveRules active, ScenarioGate gate, Supplier<StoredOperators> stored, Clock clock,
            boolean watching) {
        this.active = active;
        this.gate = gate;
        this.stored = stored;
        this.clock = clock;
        this.watching = watching;
    }

    /**
     * Loads the folder at start, before anything classifies (the seeder runs later). A folder that does not
     * compile or fails a scenario stops the service: better no service than one serving unchecked rules.
     * Stored operators are not reclassified here; that happens on the next reload that changes the version.
     */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION - 100) StartupEvent event) {
        try {
            load(false, false); // logs the version, files and scenarios
        } catch (RuleCompilationException e) {
            throw new IllegalStateException("The rule folder " + active.folder().toAbsolutePath()
                    + " was refused, so the service does not start: " + e.getMessage(), e);
        }
    }

    /**
     * Recompiles the folder, checks the candidate against the scenarios and, unless {@code dryRun}, makes it
     * the live rule set and reclassifies every stored operator with it.
     *
     * @throws RuleCompilationException if the candidate is refused (the live rule set keeps serving)
     */
    @ActivateRequestContext // the watcher calls this from its own thread, and the store may need a context
    public ReloadReport reload(boolean dryRun) {
        return load(dryRun, true);
    }

    /** The live rule set, the last refusal and the scenario count, for {@code GET /rules}. */
    public RulesView view() {
        RuleSet rules = active.current();
        return new RulesView(rules.version(), rules.loadedAt(), rules.files(), lastError, scenarios, watching);
    }

    public RulesView.LastError lastError() {
        return lastError;
    }

    Path folder() {
        return active.folder();
    }

    private ReloadReport load(boolean dryRun, boolean reclassify) {
        try {
            // Reloads queue up; the wait is bounded so a stuck store cannot pile up request threads forever.
            if (!reloads.tryLock(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("another reload has been running for five minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for another reload", e);
        }
        try {
            return attempt(dryRun, reclassify);
        } catch (RuleCompilationException e) {
            refused(e, dryRun);
            throw e;
        } finally {
            reloads.unlock();
        }
    }

    private ReloadReport attempt(boolean dryRun, boolean reclassify) {
        long started = System.nanoTime();
        Path dir = active.folder();
        RuleSet previous = active.loaded() ? active.current() : null;
        RuleCompiler.Sources sources = read(dir);
        boolean unchanged = previous != null && previous.version().equals(sources.version());
        RuleSet candidate = unchanged ? previous : active.compiler().compile(sources);
        long compiled = System.nanoTime();
        List<Scenario> checked = gate.read(dir);
        List<String> skipped = gate.check(candidate, checked, sources.files());
        skipped.forEach(why -> LOG.warnf("Scenario skipped: %s (update its \"assumes\" once its expectation is"
                + " checked against the new threshold)", why));
        int passed = checked.size() - skipped.size();
        long gated = System.nanoTime();
        String was = previous == null ? null : previous.version();

        if (unchanged && !(reclassifyPending && reclassify && !dryRun)) {
            if (!dryRun) {
                lastError = null;
                scenarios = passed;
            }
            LOG.debugf("Rule folder unchanged at version %s; %d scenarios pass", candidate.version(), passed);
            return new ReloadReport(candidate.version(), was, dryRun, false, passed, List.of(), skipped);
        }

        // Classifying the store once without writing shows the impact (the dry run's answer) and refuses a
        // candidate that runs away on a stored operator before it can go live.
        List<StoredOperators.TierChange> impact = reclassify ? reclassifyStore(candidate, false, dir) : List.of();
        if (dryRun) {
            LOG.infof("Dry run: rule set %s would replace %s and move %d operators", candidate.version(), was,
                    impact.size());
            return new ReloadReport(candidate.version(), was, true, false, passed, impact, skipped);
        }

        if (!unchanged && !active.swap(previous, candidate)) {
            throw new IllegalStateException("the live rule set changed outside the lifecycle");
        }
        lastError = null;
        scenarios = passed;
        List<StoredOperators.TierChange> changes = List.of();
        if (reclassify) {
            reclassifyPending = true;
            try {
                changes = reclassifyStore(candidate, true, dir);
            } catch (RuntimeException e) {
                LOG.errorf(e, "Rule set %s is live, but reclassifying the stored operators failed; the next reload"
                        + " retries", candidate.version());
                throw e;
            }
            reclassifyPending = false;
        }
        LOG.infof("Rule set %s live (%s): %d files, %d scenarios passed, %d tier changes; %d ms (compile %d,"
                + " scenarios %d, store %d)", candidate.version(),
                was == null ? "from " + dir.toAbsolutePath() : "was " + was, candidate.files().size(),
                passed, changes.size(), millis(started, System.nanoTime()), millis(started, compiled),
                millis(compiled, gated), millis(gated, System.nanoTime()));
        return new ReloadReport(candidate.version(), was, false, !unchanged, passed, changes, skipped);
    }

    private static long millis(long from, long to) {
        return TimeUnit.NANOSECONDS.toMillis(to - from);
    }

    private static RuleCompiler.Sources read(Path dir) {
        try {
            return RuleCompiler.read(dir);
        } catch (UncheckedIOException e) {
            // A file removed or renamed mid-read (an editor saving): refuse this round, the next event retries.
            throw new RuleCompilationException("rule folder unreadable",
                    List.of(new RuleError(dir.toString(), 0, 0, "cannot read the rule folder: "
                            + e.getCause().getMessage())));
        }
    }

    private List<StoredOperators.TierChange> reclassifyStore(RuleSet candidate, boolean apply, Path dir) {
        StoredOperators store = stored.get();
        if (store == null) {
            return List.of();
        }
        try {
            return store.reclassifyAll(candidate, apply);
        } catch (RuntimeException e) {
            RunawayRuleException runaway = runaway(e);
            if (runaway == null) {
                throw e;
            }
            RuleCompiler.Sources sources = read(dir);
            throw new RuleCompilationException("a rule kept firing on a stored operator", List.of(new RuleError(
                    runaway.file(), ScenarioGate.lineOfRule(sources.files(), runaway.file(), runaway.rule()), 0,
                    "rule '" + runaway.rule() + "' kept firing on a stored operator: stopped after "
                            + active.engine().maxFirings() + " firings")));
        }
    }

    private static RunawayRuleException runaway(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RunawayRuleException r) {
                return r;
            }
        }
        return null;
    }

    private void refused(RuleCompilationException e, boolean dryRun) {
        String serving = active.loaded() ? active.current().version() : "none";
        if (dryRun) {
            LOG.warnf("Dry run refused (rule set %s keeps serving): %s", serving, e.getMessage());
            return;
        }
        lastError = new RulesView.LastError(e.getMessage(), e.errors(), clock.instant());
        LOG.errorf("Rule folder %s refused; rule set %s keeps serving: %s", active.folder().toAbsolutePath(),
                serving, e.getMessage());
        for (RuleError error : e.errors()) {
            LOG.errorf("  %s", error); // file:line:column: message
        }
    }
}
