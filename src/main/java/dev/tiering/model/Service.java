package dev.tiering.model;

/** What a deal sells: power and space, the operator's own GPU servers, or a managed GPU cloud. */
public enum Service {
    COLOCATION, BARE_METAL, MANAGED_CLOUD
}
