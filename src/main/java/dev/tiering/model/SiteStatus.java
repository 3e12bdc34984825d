package dev.tiering.model;

/** How far a power site is from delivering power. */
public enum SiteStatus {
    ENERGIZED("energized"),
    UNDER_CONSTRUCTION("under construction"),
    AWAITING_INTERCONNECTION("awaiting grid interconnection");

    private final String words;

    SiteStatus(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
