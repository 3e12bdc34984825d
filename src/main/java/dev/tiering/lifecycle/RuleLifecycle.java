package dev.tiering.lifecycle;

import dev.tiering.engine.CompiledRules;
import dev.tiering.engine.RuleCompilationException;
import dev.tiering.engine.RuleCompiler;
import dev.tiering.engine.RuleError;
import dev.tiering.engine.RuleSet;
import dev.tiering.engine.RuleSources;
import dev.tiering.engine.RunawayRuleException;
import dev.tiering.model.TierChange;
import dev.tiering.scenario.Scenario;
import dev.tiering.scenario.ScenarioCheck;
import dev.tiering.scenario.ScenarioReader;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Takes rule sources to the active rule set in two explicit steps. {@link #preview} compiles a
 * candidate, checks it against its scenarios and classifies the stored operators with it, changing
 * nothing; {@link #apply} swaps it in, archives the activation and reclassifies the store. {@link
 * #reload} runs both, one reload at a time in this process and one activation at a time among
 * replicas; a refused candidate leaves the active rule set serving and is remembered as {@link
 * #lastError()}. {@link #follow} is how a replica takes up a version another replica activated:
 * compiled from the archive and swapped in, nothing else.
 *
 * <p>Sources whose version (hash of their rule files) is the active one are not recompiled, swapped
 * or reclassified (stored operators already carry that version); their scenarios are still checked,
 * because editing a scenario does not change the version. Plain Java: the store and the archive are
 * reached through ports.
 */
public final class RuleLifecycle {
    private static final Logger LOG = Logger.getLogger(RuleLifecycle.class);

    /** Who made a change that no signed-in user asked for. */
    public static final String STARTUP = "startup";

    public static final String WATCHER = "watcher";

    private final ActiveRules active;
    private final RuleCompiler compiler;
    private final ScenarioReader scenarios;
    private final ScenarioCheck check;
    private final StorePort store;
    private final ArchivePort archive;
    private final CandidateVetting vetting;
    private final CompiledCache cache;
    private final Clock clock;
    private final ReentrantLock reloads = new ReentrantLock(true);

    private volatile LastError lastError;
    private volatile int scenariosPassed;

    /**
     * A swap went through but reclassifying the store failed: the next apply retries even if
     * unchanged.
     */
    private boolean reclassifyPending; // guarded by reloads

    public RuleLifecycle(
            ActiveRules active,
            RuleCompiler compiler,
            ScenarioReader scenarios,
            ScenarioCheck check,
            StorePort store,
            ArchivePort archive,
            Clock clock) {
        this(active, compiler, scenarios, check, store, archive, CandidateVetting.NONE, clock);
    }

    /**
     * With {@code vetting}: each new candidate is looked at apart (a child process) before this
     * process runs it.
     */
    public RuleLifecycle(
            ActiveRules active,
            RuleCompiler compiler,
            ScenarioReader scenarios,
            ScenarioCheck check,
            StorePort store,
            ArchivePort archive,
            CandidateVetting vetting,
            Clock clock) {
        this(
                active,
                compiler,
                scenarios,
                check,
                store,
                archive,
                vetting,
                CompiledCache.NONE,
                clock);
    }

    /**
     * With {@code cache}: the class files of each rule set that went live are kept, so that a start
     * or a follow of the same rules loads them (checked again) instead of compiling.
     */
    public RuleLifecycle(
            ActiveRules active,
            RuleCompiler compiler,
            ScenarioReader scenarios,
            ScenarioCheck check,
            StorePort store,
            ArchivePort archive,
            CandidateVetting vetting,
            CompiledCache cache,
            Clock clock) {
        this.cache = cache;
        this.active = active;
        this.compiler = compiler;
        this.scenarios = scenarios;
        this.check = check;
        this.store = store;
        this.archive = archive;
        this.vetting = vetting;
        this.clock = clock;
    }

    /**
     * The sources last vetted and found safe to run here (rules and scenarios), to vet each
     * candidate once.
     */
    private volatile String vetted;

    /** Why the last reload was refused, and when; each error names file, line and column. */
    public record LastError(String message, List<RuleError> errors, Instant at) {}

    /**
     * Makes {@code sources} the first active rule set. Where the archive's active version is
     * another one (the rules changed while the service was down, or this is the first start), the
     * activation is archived, by {@code startup}, and the stored operators are reclassified now.
     *
     * @throws RuleCompilationException if the sources are refused: better no service than unchecked
     *     rules
     */
    public RuleSet start(RuleSources sources) {
        lock();
        try {
            long started = System.nanoTime();
            Candidate c = candidate(sources, false);
            swapIn(c);
            String archived =
                    archive.exclusively(
                            () -> {
                                String was = archive.activeVersion().orElse(null);
                                if (!c.rules().version().equals(was)) {
                                    long activation = archive.activated(c.rules(), was, STARTUP);
                                    archive.moved(
                                            activation, store.apply(c.rules(), STARTUP).size());
                                }
                                return was;
                            });
            LOG.infof(
                    "Rule set %s active: %d files, %d rules, %d scenarios passed%s%s; %d ms",
                    c.rules().version(),
                    c.rules().files().size(),
                    c.rules().rules().size(),
                    c.scenariosPassed(),
                    c.loaded() ? ", loaded from class files compiled earlier" : "",
                    c.rules().version().equals(archived) ? "" : " (archived; was " + archived + ")",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return c.rules();
        } finally {
            reloads.unlock();
        }
    }

    /**
     * Starts from the rule folder; where its rules are refused and the archive holds the rules that
     * were active before, those serve instead (the last good rule set), and the refusal is kept as
     * {@link #lastError()} for the author to see.
     *
     * @throws RuleCompilationException if the folder is refused and there is nothing to fall back
     *     to
     */
    public RuleSet start(Supplier<RuleSources> folder) {
        try {
            return start(folder.get());
        } catch (RuleCompilationException refused) {
            RuleSources last = archivedActive();
            if (last == null) {
                throw refused;
            }
            try {
                follow(last);
            } catch (RuntimeException alsoRefused) {
                refused.addSuppressed(alsoRefused);
                throw refused;
            }
            refused(refused, false);
            LOG.errorf(
                    "The rule folder was refused at start; serving rule set %s, the last one"
                            + " active, until the folder is fixed",
                    last.version());
            return active.current();
        }
    }

    /**
     * Takes up {@code sources}, a version another replica activated (or the one a replica starts
     * with): compiled and swapped in, its scenarios checked, nothing stored: the replica that
     * activated it archived it and reclassifies the store.
     *
     * <p>Only while the archive still has it active: a caller read that version before taking this
     * lock, and an activation since then (this replica's own reload, which holds the lock from
     * archive to swap) made it old. Taking it up then put the previous rule set back live, until
     * the next poll or reload noticed (seen in the suite: {@code GET /rules} right after a reload
     * answered the version before it).
     *
     * @return whether the active rule set changed
     */
    public boolean follow(RuleSources sources) {
        lock();
        try {
            if (active.loaded() && active.current().version().equals(sources.version())) {
                return false;
            }
            String archived = archive.activeVersion().orElse(null);
            if (archived != null && !archived.equals(sources.version())) {
                LOG.debugf(
                        "Not taking up rule set %s: rule set %s was activated since",
                        sources.version(), archived);
                return false;
            }
            takeUp(sources);
            return true;
        } finally {
            reloads.unlock();
        }
    }

    /** Swaps in {@code sources}, which the archive has active; under the lock. */
    private void takeUp(RuleSources sources) {
        long started = System.nanoTime();
        CompiledRules kept = cache.get(sources.version());
        RuleSet rules = compiler.compile(sources, kept);
        int passed = scenarios.read(sources).size();
        if (!active.swap(active.loaded() ? active.current() : null, rules)) {
            throw new IllegalStateException("the active rule set changed outside the lifecycle");
        }
        cache.put(rules.compiled());
        scenariosPassed = passed;
        lastError = null;
        LOG.infof(
                "Rule set %s active, as activated through another replica%s; %d ms",
                rules.version(),
                kept != null ? " (loaded from the class files it kept)" : "",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /**
     * Reads the sources, previews them and, unless {@code dryRun}, applies them on behalf of {@code
     * by}. A refusal is remembered as {@link #lastError()} (not on a dry run) and rethrown.
     *
     * @throws RuleCompilationException if the sources do not compile, fail a scenario, or run away
     *     on a stored operator; the active rule set keeps serving
     */
    public ReloadReport reload(Supplier<RuleSources> sources, boolean dryRun, String by) {
        lock();
        try {
            return archive.exclusively(
                    () -> {
                        catchUpWithArchive();
                        Preview preview = preview(sources.get());
                        return dryRun ? preview.asDryRun() : apply(preview, by);
                    });
        } catch (RuleCompilationException e) {
            refused(e, dryRun);
            throw e;
        } finally {
            reloads.unlock();
        }
    }

    /**
     * Compiles {@code sources} (unless they are the active version) and checks them against their
     * scenarios.
     */
    public Candidate candidate(RuleSources sources) {
        return candidate(sources, true);
    }

    /**
     * @param useChecker whether a new candidate goes to the checker first; at start it does not:
     *     nothing serves yet that it could protect, the sandbox bounds the rules here, and the
     *     checker starts beside serving
     */
    private Candidate candidate(RuleSources sources, boolean useChecker) {
        RuleSet current = active.loaded() ? active.current() : null;
        boolean unchanged = current != null && current.version().equals(sources.version());
        String fingerprint = fingerprint(sources);
        CompiledRules compiled = null;
        if (useChecker && !fingerprint.equals(vetted)) {
            compiled = vetting.vet(sources, current != null ? current.sources() : archivedActive());
        }
        if (compiled == null && !unchanged) {
            compiled = cache.get(sources.version());
        }
        vetted = fingerprint;
        RuleSet rules = unchanged ? current : compiler.compile(sources, compiled);
        List<Scenario> read = scenarios.read(sources);
        List<String> skipped = check.requirePassing(rules, read);
        ScenarioCheck.bySameReason(skipped)
                .forEach(
                        (why, files) ->
                                LOG.warnf(
                                        "%d scenario%s skipped, as each %s (update its \"assumes\""
                                                + " once its expectation is checked against the"
                                                + " new threshold): %s",
                                        files.size(),
                                        files.size() == 1 ? "" : "s",
                                        why,
                                        String.join(", ", files)));
        return new Candidate(
                rules, unchanged, read.size() - skipped.size(), skipped, compiled != null);
    }

    /**
     * A candidate and what it would change in the store, today and over every operator's timeline;
     * activates and stores nothing. Classifying the store also refuses a candidate that runs away
     * on a stored operator before it can go live.
     */
    public Preview preview(RuleSources sources) {
        long started = System.nanoTime();
        Candidate c = candidate(sources);
        RuleSet current = active.loaded() ? active.current() : null;
        Impact impact = c.unchanged() ? Impact.NONE : previewStore(c.rules(), current);
        LOG.debugf(
                "Previewed rule set %s in %d ms: %d tier changes, %d timeline changes",
                c.rules().version(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                impact.changes().size(),
                impact.timelineChanges().size());
        return new Preview(c, current == null ? null : current.version(), impact);
    }

    /**
     * Makes the preview's candidate active on behalf of {@code by}: swapped in, archived (so that
     * every replica follows it), and every stored operator reclassified with it.
     *
     * @throws IllegalStateException if another rule set went live since the preview was made
     */
    public ReloadReport apply(Preview preview, String by) {
        lock();
        try {
            long started = System.nanoTime();
            Candidate c = preview.candidate();
            RuleSet previous = active.loaded() ? active.current() : null;
            String was = previous == null ? null : previous.version();
            if (!Objects.equals(was, preview.activeVersion())) {
                throw new IllegalStateException(
                        "rule set "
                                + was
                                + " went live after the preview against "
                                + preview.activeVersion()
                                + "; preview again");
            }
            boolean swap = !c.unchanged();
            if (!swap && !reclassifyPending) {
                lastError = null;
                scenariosPassed = c.scenariosPassed();
                LOG.debugf(
                        "Rule set %s already active; %d scenarios pass",
                        c.rules().version(), c.scenariosPassed());
                return new ReloadReport(
                        c.rules().version(),
                        was,
                        false,
                        false,
                        c.scenariosPassed(),
                        List.of(),
                        List.of(),
                        c.skipped());
            }
            swapIn(c);
            long activation = swap ? archive.activated(c.rules(), was, by) : 0;
            reclassifyPending = true;
            List<TierChange> changes;
            try {
                changes = store.apply(c.rules(), by);
            } catch (RuntimeException e) {
                LOG.errorf(
                        e,
                        "Rule set %s is active, but reclassifying the stored operators failed; the"
                                + " next reload retries",
                        c.rules().version());
                throw e;
            }
            reclassifyPending = false;
            if (swap) {
                archive.moved(activation, changes.size());
            }
            LOG.infof(
                    "Rule set %s active by %s (%s): %d files, %d scenarios passed, %d tier changes;"
                            + " store %d ms",
                    c.rules().version(),
                    by,
                    was == null ? "first" : "was " + was,
                    c.rules().files().size(),
                    c.scenariosPassed(),
                    changes.size(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return new ReloadReport(
                    c.rules().version(),
                    was,
                    false,
                    swap,
                    c.scenariosPassed(),
                    changes,
                    preview.impact().timelineChanges(),
                    c.skipped());
        } finally {
            reloads.unlock();
        }
    }

    public LastError lastError() {
        return lastError;
    }

    /** How many scenarios the active rule set passed. */
    public int scenariosPassed() {
        return scenariosPassed;
    }

    public ActiveRules active() {
        return active;
    }

    private RuleSources archivedActive() {
        return archive.activeVersion().flatMap(archive::sources).orElse(null);
    }

    /** Rules and scenarios together: a new scenario can loop as surely as a new rule. */
    private static String fingerprint(RuleSources sources) {
        StringBuilder all = new StringBuilder(sources.version());
        sources.scenarios()
                .forEach(
                        (name, content) ->
                                all.append('\u0000')
                                        .append(name)
                                        .append('\u0000')
                                        .append(Arrays.hashCode(content))
                                        .append(':')
                                        .append(content.length));
        return all.toString();
    }

    private void swapIn(Candidate c) {
        if (!c.unchanged() && !active.swap(active.loaded() ? active.current() : null, c.rules())) {
            throw new IllegalStateException("the active rule set changed outside the lifecycle");
        }
        cache.put(c.rules().compiled());
        scenariosPassed = c.scenariosPassed();
        lastError = null;
    }

    /**
     * Before a reload compares a candidate with the active rule set, the active one must be the
     * replicas' one: a version activated elsewhere a moment ago, not yet followed here, is taken up
     * first.
     */
    private void catchUpWithArchive() {
        archive.activeVersion()
                .ifPresent(
                        version -> {
                            if (active.loaded() && !active.current().version().equals(version)) {
                                // read under the lock already: no need to ask the archive again
                                archive.sources(version).ifPresent(this::takeUp);
                            }
                        });
    }

    private Impact previewStore(RuleSet candidate, RuleSet current) {
        try {
            return store.preview(candidate, current);
        } catch (RuntimeException e) {
            RunawayRuleException runaway = runaway(e);
            if (runaway == null) {
                throw e;
            }
            throw new RuleCompilationException(
                    "a rule could not finish on a stored operator",
                    List.of(
                            new RuleError(
                                    runaway.file(),
                                    runaway.line(),
                                    0,
                                    "rule '"
                                            + runaway.rule()
                                            + "' "
                                            + runaway.what()
                                            + " on a stored operator: "
                                            + runaway.why())));
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

    private void lock() {
        try {
            // Reloads queue up; the wait is bounded so a stuck store cannot pile up request threads
            // forever.
            if (!reloads.tryLock(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("another reload has been running for five minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for another reload", e);
        }
    }

    private void refused(RuleCompilationException e, boolean dryRun) {
        String serving = active.loaded() ? active.current().version() : "none";
        if (dryRun) {
            LOG.warnf("Dry run refused (rule set %s keeps serving): %s", serving, e.getMessage());
            return;
        }
        lastError = new LastError(e.getMessage(), e.errors(), clock.instant());
        LOG.errorf("Rules refused; rule set %s keeps serving: %s", serving, e.getMessage());
        for (RuleError error : e.errors()) {
            LOG.errorf("  %s", error); // file:line:column: message
        }
    }
}
