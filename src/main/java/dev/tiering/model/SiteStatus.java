package dev.tiering.model;

/** How far a power site is from delivering power. */
public enum SiteStatus {
    ENERGIZED, UNDER_CONSTRUCTION, AWAITING_INTERCONNECTION
}
