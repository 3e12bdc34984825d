package dev.tiering.store;

/** What made an operator be classified again. */
public enum Cause {
    /** Its profile was stored. */
    PROFILE,
    /** One of its deals was added, amended, removed, or reached its end date. */
    DEAL,
    /** A new rule set went live. */
    RULES
}
