package dev.tiering.engine;

/**
 * A compile error in a rule file: where it is (line and column 1-based; 0 where unknown) and what
 * is wrong.
 */
public record RuleError(String file, int line, int column, String message) {
    @Override
    public String toString() {
        return file + ":" + line + (column > 0 ? ":" + column : "") + ": " + message;
    }
}
