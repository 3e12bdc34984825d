package dev.tiering.model;

/** Who a deal's counterparty (or guarantor) is, in the research note's words. */
public enum CounterpartyType {
    HYPERSCALER("hyperscaler", "a hyperscaler"),
    AI_LAB("AI lab", "an AI lab"),
    ENTERPRISE("enterprise", "an enterprise"),
    NEOCLOUD("neocloud", "a neocloud"),
    CHIPMAKER("chipmaker", "a chipmaker"),
    OTHER("other", "another kind of customer");

    private final String words;
    private final String withArticle;

    CounterpartyType(String words, String withArticle) {
        this.words = words;
        this.withArticle = withArticle;
    }

    /** "hyperscaler". */
    public String words() {
        return words;
    }

    /** "a hyperscaler", as in "Microsoft, a hyperscaler". */
    public String withArticle() {
        return withArticle;
    }
}
