package dev.tiering.engine.sandbox;

/**
 * Rule code used more than its {@link Budget}. An {@link Error}, so that rule code, which may catch
 * exceptions but never errors, cannot swallow it; the engine turns it into a refusal that names the
 * rule.
 */
public final class BudgetExceededError extends Error {
    private final String what;
    private final String why;

    /**
     * @param what what the code did ("took more than 5000000 steps")
     * @param why what is likely wrong with it
     */
    public BudgetExceededError(String what, String why) {
        super(what + ": " + why);
        this.what = what;
        this.why = why;
    }

    public String what() {
        return what;
    }

    public String why() {
        return why;
    }
}
