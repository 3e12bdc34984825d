package dev.tiering.model;

/** One problem with a request, at a JSON path into it ({@code deals[2].valueUsd}). */
public record FieldError(String field, String message) {}
