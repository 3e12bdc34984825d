package dev.tiering.lifecycle;
import dev.tiering.engine.RuleError;
import dev.tiering.engine.RuleSet;

import java.time.Instant;
import java.util.List;

/**
 * The live rule set as {@code GET /rules} shows it, with the last refused reload (null once a reload succeeds).
 *
 * @param scenarios how many scenarios the live rule set passed
 * @param watching  whether the service reloads by itself when the folder changes
 */
public record RulesView(String version, Instant loadedAt, List<RuleSet.RuleFile> files, LastError lastError,
        int scenarios, boolean watching) {

    /** Why the last reload was refused, and when; each error names file, line and column. */
    public record LastError(String message, List<RuleError> errors, Instant at) {
    }
}
