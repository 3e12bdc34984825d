package dev.tiering.model;

/** Whether a deal binds its counterparty; a letter of intent or an MOU is {@code NON_BINDING}. */
public enum DealStatus {
    BINDING("binding"),
    NON_BINDING("non-binding");

    private final String words;

    DealStatus(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
