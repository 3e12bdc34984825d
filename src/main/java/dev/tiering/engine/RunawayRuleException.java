package dev.tiering.engine;

/**
 * A classification hit the firing limit (some rule keeps re-firing itself), or a rule's code used
 * more than its budget of steps or memory.
 */
public class RunawayRuleException extends RuntimeException {
    private final String rule;
    private final String file;
    private final int line;

    public RunawayRuleException(String rule, String file, int line, int limit) {
        super(
                "rule '"
                        + rule
                        + "' in "
                        + file
                        + " kept firing: stopped after "
                        + limit
                        + " firings");
        this.rule = rule;
        this.file = file;
        this.line = line;
    }

    /** A rule whose code used more than its budget ({@code what} says how). */
    public RunawayRuleException(String rule, String file, int line, String what) {
        super("rule '" + rule + "' in " + file + " " + what);
        this.rule = rule;
        this.file = file;
        this.line = line;
    }

    public String rule() {
        return rule;
    }

    public String file() {
        return file;
    }

    /** Line of the rule's declaration; 0 where unknown. */
    public int line() {
        return line;
    }
}
