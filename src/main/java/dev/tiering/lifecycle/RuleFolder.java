package dev.tiering.lifecycle;

import dev.tiering.engine.RuleSources;
import java.nio.file.Path;

/**
 * The rule folder of this process ({@code tiering.rules.dir}): where its rule sources are read
 * from.
 */
public record RuleFolder(Path dir) {
    /** The folder's rule files and scenarios, now. */
    public RuleSources read() {
        return RuleSources.read(dir);
    }

    /** The version of the folder now, or null if it cannot be read (missing, a refused file). */
    public String versionOrNull() {
        try {
            return read().version();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
