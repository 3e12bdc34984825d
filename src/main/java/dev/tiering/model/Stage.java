package dev.tiering.model;

/** The note's three stages, in the order an operator climbs them. */
public enum Stage {
    COLOCATION("colocation"),
    BARE_METAL("bare metal"),
    NEOCLOUD("neocloud");

    private final String words;

    Stage(String words) {
        this.words = words;
    }

    /** How a research note writes it: "bare metal". */
    public String words() {
        return words;
    }
}
