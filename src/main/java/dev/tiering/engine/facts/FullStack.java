package dev.tiering.engine.facts;

/** Result fact: the operator holds all three layers, power, hardware and cloud. */
public record FullStack(String evidence) {}
