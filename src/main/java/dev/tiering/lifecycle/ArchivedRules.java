package dev.tiering.lifecycle;

import dev.tiering.engine.RuleCompiler;
import dev.tiering.engine.RuleSet;
import dev.tiering.engine.RuleSources;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rule set of any version that was ever active, for replay: the active one as it is, an
 * archived one compiled from its archived text on first use. A few compiled versions are kept,
 * least recently used out first, so replaying an old version costs one compile and never holds many
 * KieBases.
 */
public final class ArchivedRules {
    private final ActiveRules active;
    private final ArchivePort archive;
    private final RuleCompiler compiler;
    private final int capacity;
    private final Map<String, RuleSet> cache; // guarded by itself

    /**
     * One lock per version being compiled (kept: a handful of small objects for the versions ever
     * replayed).
     */
    private final Map<String, Object> compiling = new ConcurrentHashMap<>();

    public ArchivedRules(
            ActiveRules active, ArchivePort archive, RuleCompiler compiler, int capacity) {
        this.active = active;
        this.archive = archive;
        this.compiler = compiler;
        this.capacity = capacity;
        this.cache =
                new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, RuleSet> eldest) {
                        return size() > ArchivedRules.this.capacity;
                    }
                };
    }

    /**
     * The rule set of {@code version}: null or blank means the active one.
     *
     * @throws UnknownVersionException if no rule set of that version was ever active
     */
    public RuleSet get(String version) {
        RuleSet current = active.current();
        if (version == null || version.isBlank() || version.equals(current.version())) {
            return current;
        }
        synchronized (cache) {
            RuleSet cached = cache.get(version);
            if (cached != null) {
                return cached;
            }
        }
        // One compile per version at a time; other versions compile in parallel.
        synchronized (compiling.computeIfAbsent(version, v -> new Object())) {
            synchronized (cache) {
                RuleSet cached = cache.get(version);
                if (cached != null) {
                    return cached;
                }
            }
            RuleSources sources =
                    archive.sources(version)
                            .orElseThrow(() -> new UnknownVersionException(version));
            RuleSet compiled = compiler.compile(sources);
            synchronized (cache) {
                cache.put(version, compiled);
            }
            return compiled;
        }
    }
}
