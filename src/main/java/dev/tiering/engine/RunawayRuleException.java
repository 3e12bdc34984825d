package dev.tiering.engine;

/**
 * A rule could not finish: it hit the firing limit (it keeps re-firing itself), or its code used
 * more than its budget of steps or memory. It names the rule, its file and line, {@link #what()}
 * happened and {@link #why()} that is likely.
 */
public class RunawayRuleException extends RuntimeException {
    private final String rule;
    private final String file;
    private final int line;
    private final String what;
    private final String why;

    /** A rule that kept firing until the limit of {@code limit} firings. */
    public RunawayRuleException(String rule, String file, int line, int limit) {
        this(
                rule,
                file,
                line,
                "kept firing",
                "stopped after "
                        + limit
                        + " firings (does it modify a fact it matches, without no-loop?)");
    }

    /**
     * @param what what it did ("took more than 5000000 steps")
     * @param why what is likely wrong ("does a loop or a recursion in it never end?")
     */
    public RunawayRuleException(String rule, String file, int line, String what, String why) {
        super("rule '" + rule + "' in " + file + " " + what + ": " + why);
        this.rule = rule;
        this.file = file;
        this.line = line;
        this.what = what;
        this.why = why;
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

    /** What the rule did: "kept firing", "took more than 5000000 steps". */
    public String what() {
        return what;
    }

    /** What is likely wrong with it. */
    public String why() {
        return why;
    }
}
