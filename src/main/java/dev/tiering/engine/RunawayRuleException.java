package dev.tiering.engine;

/** A classification hit the firing limit: some rule keeps re-firing itself. */
public class RunawayRuleException extends RuntimeException {
    private final String rule;
    private final String file;

    public RunawayRuleException(String rule, String file, int limit) {
        super("rule '" + rule + "' in " + file + " kept firing: stopped after " + limit + " firings");
        this.rule = rule;
        this.file = file;
    }

    public String rule() {
        return rule;
    }

    public String file() {
        return file;
    }
}
