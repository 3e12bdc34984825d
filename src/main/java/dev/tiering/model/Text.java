package dev.tiering.model;

/**
 * What free text may not hold: control characters (NUL, line breaks, escape), the characters that
 * reorder or hide text (bidirectional overrides and isolates, zero-width spaces and joiners, the
 * byte-order mark), and halves of a surrogate pair without their other half. Each of them lets a
 * stored name look like another ("IREN" with a right-to-left override) or break what shows it.
 */
final class Text {
    private Text() {}

    /**
     * Why {@code s} is refused, naming the first bad character and where it is; null if it is fine.
     */
    static String firstUnsafe(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return describe("an unpaired surrogate", c, i);
            }
            if (Character.isLowSurrogate(c)) {
                return describe("an unpaired surrogate", c, i);
            }
            if (Character.isISOControl(c)) {
                return describe("a control character", c, i);
            }
            if (isInvisibleFormat(c)) {
                return describe("an invisible or direction-changing character", c, i);
            }
        }
        return null;
    }

    private static boolean isInvisibleFormat(char c) {
        return (c >= '\u200B' && c <= '\u200F') // zero-width space, non-joiner, joiner, LRM, RLM
                || (c >= '\u202A' && c <= '\u202E') // embeddings and overrides
                || (c >= '\u2060' && c <= '\u2064') // word joiner, invisible operators
                || (c >= '\u2066' && c <= '\u2069') // isolates
                || c == '\u061C' // Arabic letter mark
                || c == '\uFEFF'; // byte-order mark, zero-width no-break space
    }

    private static String describe(String what, char c, int index) {
        return "must not contain "
                + what
                + " (U+"
                + String.format("%04X", (int) c)
                + " at position "
                + (index + 1)
                + ")";
    }
}
