package dev.tiering.model;

/** What a deal sells: power and space, the operator's own GPU servers, or a managed GPU cloud. */
public enum Service {
    COLOCATION("colocation"),
    BARE_METAL("bare metal"),
    MANAGED_CLOUD("managed cloud");

    private final String words;

    Service(String words) {
        this.words = words;
    }

    /** How a research note writes it: "managed cloud". */
    public String words() {
        return words;
    }
}
