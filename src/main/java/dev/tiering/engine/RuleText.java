package dev.tiering.engine;

/**
 * A rule file's text as Java reads it ({@code \\uXXXX} escapes decoded), with the line and column
 * each character had in the file, so that a name found in code can be pointed at where the author
 * wrote it, however it was spelt.
 */
final class RuleText {
    private final String text;
    private final int[] lines;
    private final int[] columns;

    /** Which characters are comment, where a name is only a word. */
    private final boolean[] comment;

    private RuleText(String text, int[] lines, int[] columns) {
        this.text = text;
        this.lines = lines;
        this.columns = columns;
        this.comment = comments(text);
    }

    private static boolean[] comments(String text) {
        boolean[] c = new boolean[text.length()];
        int i = 0;
        while (i < text.length()) {
            char ch = text.charAt(i);
            if (ch == '"') {
                i++;
                while (i < text.length() && text.charAt(i) != '"' && text.charAt(i) != '\n') {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
            } else if (text.startsWith("//", i)) {
                while (i < text.length() && text.charAt(i) != '\n') {
                    c[i++] = true;
                }
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? text.length() : end + 2;
                while (i < end) {
                    c[i++] = true;
                }
            } else {
                i++;
            }
        }
        return c;
    }

    static RuleText decode(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        int[] lines = new int[raw.length() + 1];
        int[] columns = new int[raw.length() + 1];
        int line = 1;
        int column = 1;
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            int width = 1;
            if (c == '\\'
                    && i + 1 < raw.length()
                    && raw.charAt(i + 1) == 'u'
                    && evenBackslashesBefore(raw, i)) {
                int j = i + 1;
                while (j < raw.length() && raw.charAt(j) == 'u') {
                    j++;
                }
                if (j + 4 <= raw.length() && isHex(raw, j, j + 4)) {
                    c = (char) Integer.parseInt(raw.substring(j, j + 4), 16);
                    width = j + 4 - i;
                }
            }
            lines[out.length()] = line;
            columns[out.length()] = column;
            out.append(c);
            for (int k = i; k < i + width; k++) {
                if (raw.charAt(k) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            i += width;
        }
        lines[out.length()] = line;
        columns[out.length()] = column;
        return new RuleText(out.toString(), lines, columns);
    }

    /**
     * Where {@code name} first stands as a whole word between lines {@code from} and {@code to}
     * (1-based, inclusive), as {@code {line, column}}; null if it does not.
     */
    int[] find(String name, int from, int to) {
        if (name.isEmpty()) {
            return null;
        }
        int at = text.indexOf(name);
        while (at >= 0) {
            int line = lines[at];
            boolean whole =
                    (at == 0 || !Character.isJavaIdentifierPart(text.charAt(at - 1)))
                            && (at + name.length() >= text.length()
                                    || !Character.isJavaIdentifierPart(
                                            text.charAt(at + name.length())));
            if (whole && !comment[at] && line >= from && line <= to) {
                return new int[] {line, columns[at]};
            }
            if (line > to) {
                return null;
            }
            at = text.indexOf(name, at + 1);
        }
        return null;
    }

    private static boolean evenBackslashesBefore(String raw, int i) {
        int count = 0;
        for (int k = i - 1; k >= 0 && raw.charAt(k) == '\\'; k--) {
            count++;
        }
        return count % 2 == 0;
    }

    private static boolean isHex(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            if (Character.digit(s.charAt(k), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
