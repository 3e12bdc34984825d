package dev.tiering.model;

/**
 * Who a deal's counterparty (or guarantor) is, in the research note's words, and whether MODEL.md
 * counts it as an established customer (the note's Tier 1 customers, as against "newer cloud or
 * chipmakers").
 */
public enum CounterpartyType {
    HYPERSCALER("hyperscaler", "a hyperscaler", true),
    AI_LAB("AI lab", "an AI lab", true),
    ENTERPRISE("enterprise", "an enterprise", true),
    NEOCLOUD("neocloud", "a neocloud", false),
    CHIPMAKER("chipmaker", "a chipmaker", false),
    OTHER("other", "a customer of another kind", false);

    private final String words;
    private final String withArticle;
    private final boolean established;

    CounterpartyType(String words, String withArticle, boolean established) {
        this.words = words;
        this.withArticle = withArticle;
        this.established = established;
    }

    /**
     * Whether a deal with this kind of counterparty, or backed by this kind of guarantor, is with
     * an established customer.
     */
    public boolean established() {
        return established;
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
