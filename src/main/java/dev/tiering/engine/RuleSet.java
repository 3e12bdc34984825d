package dev.tiering.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;

/**
 * One compiled version of the rule folder: immutable, shared by every request that classifies with it.
 *
 * @param version hash of the folder's content, so the same files always give the same version
 * @param files   each file (relative path) with the names of its rules, in file order
 * @param fileOfRule the file of each rule, keyed by {@code package.ruleName}
 * @param hasReasonsGlobal whether some file declares the {@code reasons} global
 */
public record RuleSet(KieBase kieBase, String version, Instant loadedAt, List<RuleFile> files,
        Map<String, String> fileOfRule, boolean hasReasonsGlobal) {

    /** A rule file and the rules it holds. */
    public record RuleFile(String file, List<String> rules) {
    }

    public String fileOf(String packageName, String ruleName) {
        return fileOfRule.getOrDefault(packageName + "." + ruleName, "?");
    }
}
