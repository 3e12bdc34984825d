package dev.tiering.model;

/** A rule that fired: its name, its file and a sentence with the numbers it used. */
public record Reason(String rule, String file, String message) {}
