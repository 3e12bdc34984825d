package dev.tiering.engine.sandbox;

/**
 * Rule code used more than its {@link Budget}. An {@link Error}, so that rule code, which may catch
 * exceptions but never errors, cannot swallow it; the engine turns it into a refusal that names the
 * rule.
 */
public final class BudgetExceededError extends Error {
    public BudgetExceededError(String message) {
        super(message);
    }
}
