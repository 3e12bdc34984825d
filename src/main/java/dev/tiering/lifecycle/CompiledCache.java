package dev.tiering.lifecycle;

import dev.tiering.engine.CompiledRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

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

    /**
     * The class files the build compiled the shipped rules to ({@code compiled-rules/<version>.zip}
     * on the class path, written by {@code dev.tiering.cli.Precompile}): made by this very build,
     * so they need no engine id. Keeps nothing.
     */
    static CompiledCache bundled(ClassLoader loader) {
        return new CompiledCache() {
            @Override
            public CompiledRules get(String version) {
                if (!version.matches("[0-9a-f]{1,64}")) {
                    return null;
                }
                try (InputStream in =
                        loader.getResourceAsStream("compiled-rules/" + version + ".zip")) {
                    return in == null ? null : CompiledRules.fromZip(version, in.readAllBytes());
                } catch (IOException | UncheckedIOException e) {
                    return null;
                }
            }

            @Override
            public void put(CompiledRules compiled) {}
        };
    }

    /** Looks in each cache in turn; keeps in every one. */
    static CompiledCache first(CompiledCache... caches) {
        return new CompiledCache() {
            @Override
            public CompiledRules get(String version) {
                for (CompiledCache c : caches) {
                    CompiledRules found = c.get(version);
                    if (found != null) {
                        return found;
                    }
                }
                return null;
            }

            @Override
            public void put(CompiledRules compiled) {
                for (CompiledCache c : caches) {
                    c.put(compiled);
                }
            }
        };
    }
}
