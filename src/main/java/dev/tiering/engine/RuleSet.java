package dev.tiering.engine;

import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.kie.api.KieBase;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSessionsPool;

/**
 * One compiled version of the rules: immutable, shared by every request that classifies with it.
 * Besides the KieBase it keeps what the compiler learnt once about its rules (file, line, metadata)
 * and thresholds, and the sources it was compiled from, so nothing later has to read the folder
 * again to explain a rule.
 */
public final class RuleSet {
    private final KieBase kieBase;
    private final String version;
    private final Instant loadedAt;
    private final RuleSources sources;
    private final CompiledRules compiled;
    private final Map<String, String> ruleOfClass;
    private final List<RuleFile> files;
    private final List<RuleInfo> rules;
    private final Map<Rule, RuleInfo> byRule;
    private final Map<String, RuleInfo> byKey;
    private final List<Threshold> thresholds;
    private final boolean hasReasonsGlobal;

    /**
     * Sessions the pool makes up front; it grows past that under more concurrent calls and keeps
     * what it made.
     */
    private static final int POOLED_SESSIONS =
            Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    /**
     * The sessions every call with this rule set takes in turn, made at the first call (a rule set
     * compiled only to be checked may never need one). Held here, they go when the rule set goes,
     * KieBase and classes with them: a pool kept by the engine outlived its rule set until the next
     * change.
     */
    private volatile KieSessionsPool sessions;

    private final Object sessionsLock = new Object();

    RuleSet(
            KieBase kieBase,
            Instant loadedAt,
            RuleSources sources,
            CompiledRules compiled,
            Map<String, String> ruleOfClass,
            List<RuleFile> files,
            List<RuleInfo> rules,
            IdentityHashMap<Rule, RuleInfo> byRule,
            Map<String, RuleInfo> byKey,
            List<Threshold> thresholds,
            boolean hasReasonsGlobal) {
        this.kieBase = kieBase;
        this.version = sources.version();
        this.loadedAt = loadedAt;
        this.sources = sources;
        this.compiled = compiled;
        this.ruleOfClass = Map.copyOf(ruleOfClass);
        this.files = List.copyOf(files);
        this.rules = List.copyOf(rules);
        this.byRule = byRule;
        this.byKey = Map.copyOf(byKey);
        this.thresholds = List.copyOf(thresholds);
        this.hasReasonsGlobal = hasReasonsGlobal;
    }

    /** A rule file and the names of its rules, in file order. */
    public record RuleFile(String file, List<String> rules) {}

    /**
     * One rule: its number in this rule set (0-based, for per-rule counters), name, file, the line
     * of its {@code rule} keyword, and its metadata ({@code @tier(TIER_1)}).
     */
    public record RuleInfo(
            int index,
            String name,
            String packageName,
            String file,
            int line,
            Map<String, Object> metaData) {}

    /**
     * A threshold: a no-argument DRL function returning a number, such as {@code
     * establishedBacklogUsd()}.
     */
    public record Threshold(String name, String file, int line, double value) {}

    public KieBase kieBase() {
        return kieBase;
    }

    /** The pool of this rule set's sessions; a session goes back to it reset. */
    KieSessionsPool sessions() {
        KieSessionsPool pool = sessions;
        if (pool == null) {
            synchronized (sessionsLock) {
                pool = sessions;
                if (pool == null) {
                    pool = kieBase.newKieSessionsPool(POOLED_SESSIONS);
                    sessions = pool;
                }
            }
        }
        return pool;
    }

    /** Hash of the rule files' names and content. */
    public String version() {
        return version;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    /** The text this rule set was compiled from, with the scenarios that came with it. */
    public RuleSources sources() {
        return sources;
    }

    /** The class files this rule set was built from, to keep or hand on (never to trust). */
    public CompiledRules compiled() {
        return compiled;
    }

    public List<RuleFile> files() {
        return files;
    }

    /** Every rule, numbered from 0 in file order. */
    public List<RuleInfo> rules() {
        return rules;
    }

    public List<Threshold> thresholds() {
        return thresholds;
    }

    /**
     * Whether some file declares the {@code reasons} global through which consequences explain
     * themselves.
     */
    public boolean hasReasonsGlobal() {
        return hasReasonsGlobal;
    }

    /**
     * What the compiler knows of a rule of this KieBase; empty for a rule it did not list (never
     * expected).
     */
    public Optional<RuleInfo> info(Rule rule) {
        RuleInfo info = byRule.get(rule);
        return info != null ? Optional.of(info) : info(rule.getPackageName(), rule.getName());
    }

    public Optional<RuleInfo> info(String packageName, String ruleName) {
        return Optional.ofNullable(byKey.get(packageName + "." + ruleName));
    }

    /**
     * The rule whose condition or consequence was running at the innermost frame of {@code stack}
     * that belongs to this rule set's code (a function called from a rule counts as that rule).
     */
    public Optional<RuleInfo> ruleOfCode(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String rule = ruleOfClass.get(frame.getClassName());
            if (rule == null) {
                int dollar = frame.getClassName().indexOf('$');
                rule =
                        dollar < 0
                                ? null
                                : ruleOfClass.get(frame.getClassName().substring(0, dollar));
            }
            if (rule != null) {
                for (RuleInfo info : rules) {
                    if (info.name().equals(rule)) {
                        return Optional.of(info);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The value of a threshold, or empty if no file declares it. */
    public OptionalDouble threshold(String name) {
        for (Threshold t : thresholds) {
            if (t.name().equals(name)) {
                return OptionalDouble.of(t.value());
            }
        }
        return OptionalDouble.empty();
    }
}
