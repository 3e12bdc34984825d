package dev.tiering.model;

/** The note's three stages, in the order an operator climbs them. */
public enum Stage {
    COLOCATION, BARE_METAL, NEOCLOUD
}
