package dev.tiering.lifecycle;

import dev.tiering.engine.CompiledRules;

/**
 * Keeps the class files of rule sets that went live, so that the next start, or a replica taking up
 * the same version, loads them instead of compiling the rules again (the sandbox checks them again
 * before it loads a class). Keyed by the rules' version; a cache may hold an entry or not, and the
 * compiler needs none.
 */
public interface CompiledCache {
    /** The class files of {@code version}, or null. */
    CompiledRules get(String version);

    /** Keeps {@code compiled}; failing to keep it is no error. */
    void put(CompiledRules compiled);

    /** Keeps nothing. */
    CompiledCache NONE =
            new CompiledCache() {
                @Override
                public CompiledRules get(String version) {
                    return null;
                }

                @Override
                public void put(CompiledRules compiled) {}
            };
}
