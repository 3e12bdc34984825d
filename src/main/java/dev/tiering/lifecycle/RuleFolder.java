package dev.tiering.lifecycle;

import dev.tiering.engine.RuleSources;
import java.nio.file.Path;

/** The rule folder of this process ({@code tiering.rules.dir}): where its rule sources are read from. */
public record RuleFolder(Path dir) {
    /** The folder's rule files and scenarios, now. */
    public RuleSources read() {
        return RuleSources.read(dir);
    }
}
