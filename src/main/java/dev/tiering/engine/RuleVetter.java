package dev.tiering.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Refuses rule text that reaches outside the rules before it is compiled: a rule file is code that
 * runs in the service on every classification, so it may use the facts, the model's words and plain
 * Java values, and nothing that touches the process or its host — {@code System}, {@code Runtime},
 * processes, threads, reflection, class loaders, files, sockets ({@code java.io}, {@code java.nio},
 * {@code java.net}) — however it is spelt: imported, fully qualified, or hidden in {@code \\uXXXX}
 * escapes. Files are also capped in size, so that a huge file cannot keep the compiler busy for
 * minutes.
 *
 * <p>The scan reads the text as Java does (escapes decoded, comments and string literals skipped)
 * and looks at every identifier and dotted name, in imports, functions, conditions and consequences
 * alike. It is a list of what is refused, checked by {@code RuleVetterTest} against each way of
 * spelling it; the child process that checks a candidate (with a time budget) is the second line
 * behind it.
 */
public final class RuleVetter {
    /** Largest rule file, in bytes. */
    public static final int MAX_FILE_BYTES = 1 << 20;

    /** Largest rule set (all its rule files), in bytes. */
    public static final int MAX_TOTAL_BYTES = 8 << 20;

    /**
     * Most problems reported for one rule set; a file of garbage would otherwise list thousands.
     */
    public static final int MAX_ERRORS = 50;

    /**
     * Names a rule may not use: what runs processes, threads or code of its choosing, or reaches
     * the host.
     */
    static final Set<String> FORBIDDEN_NAMES =
            Set.of(
                    "System",
                    "Runtime",
                    "ProcessBuilder",
                    "Process",
                    "ProcessHandle",
                    "Thread",
                    "ThreadGroup",
                    "Executors",
                    "ExecutorService",
                    "ForkJoinPool",
                    "CompletableFuture",
                    "Timer",
                    "TimerTask",
                    "ClassLoader",
                    "Class",
                    "forName",
                    "getClass",
                    "getClassLoader",
                    "getDeclaredMethod",
                    "getDeclaredMethods",
                    "getDeclaredField",
                    "getDeclaredFields",
                    "getDeclaredConstructor",
                    "getMethod",
                    "getMethods",
                    "getField",
                    "getFields",
                    "getConstructor",
                    "setAccessible",
                    "newInstance",
                    "invoke",
                    "MethodHandles",
                    "MethodHandle",
                    "Unsafe",
                    "ScriptEngine",
                    "ScriptEngineManager",
                    "Files",
                    "Paths",
                    "File",
                    "FileInputStream",
                    "FileOutputStream",
                    "FileReader",
                    "FileWriter",
                    "RandomAccessFile",
                    "PrintStream",
                    "PrintWriter",
                    "Socket",
                    "ServerSocket",
                    "DatagramSocket",
                    "SocketChannel",
                    "HttpClient",
                    "URL",
                    "URLConnection",
                    "InetAddress",
                    "ObjectInputStream",
                    "ObjectOutputStream",
                    "InitialContext",
                    "exec",
                    "exit",
                    "halt",
                    "loadLibrary",
                    "getRuntime",
                    "getenv",
                    "setProperty",
                    "getProperty",
                    "clearProperty",
                    "setSecurityManager",
                    "gc");

    /** Packages a rule may not name, in imports or in code. */
    static final List<String> FORBIDDEN_PACKAGES =
            List.of(
                    "java.io.",
                    "java.nio.",
                    "java.net.",
                    "java.lang.reflect.",
                    "java.lang.invoke.",
                    "java.lang.ref.",
                    "java.util.concurrent.",
                    "java.sql.",
                    "java.rmi.",
                    "java.security.",
                    "javax.",
                    "jdk.",
                    "sun.",
                    "com.sun.",
                    "org.drools.",
                    "org.kie.",
                    "org.mvel2.",
                    "io.quarkus.",
                    "io.vertx.",
                    "dev.tiering.store.",
                    "dev.tiering.web.",
                    "dev.tiering.app.",
                    "dev.tiering.lifecycle.",
                    "dev.tiering.config.");

    /** What a rule file may import. */
    static final List<String> ALLOWED_IMPORTS =
            List.of(
                    "dev.tiering.engine.facts.",
                    "dev.tiering.model.",
                    "java.util.",
                    "java.math.",
                    "java.time.",
                    "java.text.",
                    "java.lang.Math",
                    "java.lang.StrictMath");

    private RuleVetter() {}

    /**
     * Every reason to refuse the rule files of {@code sources} unseen; empty if they may be
     * compiled.
     */
    public static List<RuleError> vet(RuleSources sources) {
        List<RuleError> errors = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, byte[]> file : sources.rules().entrySet()) {
            byte[] content = file.getValue();
            total += content.length;
            if (content.length > MAX_FILE_BYTES) {
                errors.add(
                        new RuleError(
                                file.getKey(),
                                0,
                                0,
                                "is "
                                        + content.length
                                        + " bytes; a rule file may be"
                                        + " at most "
                                        + MAX_FILE_BYTES
                                        + " bytes"));
                continue;
            }
            scan(file.getKey(), new String(content, StandardCharsets.UTF_8), errors);
            if (errors.size() >= MAX_ERRORS) {
                break;
            }
        }
        if (total > MAX_TOTAL_BYTES) {
            errors.add(
                    new RuleError(
                            "",
                            0,
                            0,
                            "the rule files are "
                                    + total
                                    + " bytes together; a rule set may be"
                                    + " at most "
                                    + MAX_TOTAL_BYTES
                                    + " bytes"));
        }
        return cap(errors);
    }

    /** At most {@link #MAX_ERRORS} errors, the last saying how many more there were. */
    public static List<RuleError> cap(List<RuleError> errors) {
        if (errors.size() <= MAX_ERRORS) {
            return errors;
        }
        List<RuleError> capped = new ArrayList<>(errors.subList(0, MAX_ERRORS - 1));
        RuleError last = errors.get(MAX_ERRORS - 1);
        capped.add(
                new RuleError(
                        last.file(),
                        last.line(),
                        last.column(),
                        last.message()
                                + " (and "
                                + (errors.size() - MAX_ERRORS)
                                + " more problems not listed)"));
        return capped;
    }

    /** Scans one file's text, as Java reads it, for forbidden names, packages and imports. */
    static void scan(String file, String raw, List<RuleError> errors) {
        Source src = Source.decode(raw);
        String text = src.text;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '"' || c == '\'') {
                i = skipString(text, i);
            } else if (Character.isJavaIdentifierStart(c)) {
                int start = i;
                while (i < n
                        && (Character.isJavaIdentifierPart(text.charAt(i))
                                || text.charAt(i) == '.'
                                || Character.isWhitespace(text.charAt(i))
                                        && continuesName(text, i))) {
                    i++;
                }
                String name = text.substring(start, i).replaceAll("\\s+", "");
                check(
                        file,
                        name,
                        src.line(start),
                        src.column(start),
                        precededByImport(text, start),
                        errors);
            } else {
                i++;
            }
        }
    }

    /** Whether whitespace at {@code i} sits inside a dotted name ({@code java . io . File}). */
    private static boolean continuesName(String text, int i) {
        int before = i - 1;
        while (before >= 0 && Character.isWhitespace(text.charAt(before))) {
            before--;
        }
        int after = i;
        while (after < text.length() && Character.isWhitespace(text.charAt(after))) {
            after++;
        }
        return (before >= 0 && text.charAt(before) == '.')
                || (after < text.length() && text.charAt(after) == '.');
    }

    private static boolean precededByImport(String text, int start) {
        int i = start - 1;
        while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
            i--;
        }
        int end = i + 1;
        while (i >= 0 && Character.isJavaIdentifierPart(text.charAt(i))) {
            i--;
        }
        String word = text.substring(i + 1, end);
        return word.equals("import") || word.equals("static");
    }

    private static void check(
            String file,
            String name,
            int line,
            int column,
            boolean imported,
            List<RuleError> errors) {
        String dotted = name.endsWith(".") ? name : name + ".";
        for (String pkg : FORBIDDEN_PACKAGES) {
            if (dotted.startsWith(pkg)) {
                errors.add(
                        new RuleError(
                                file,
                                line,
                                column,
                                "'"
                                        + name
                                        + "': a rule may not use "
                                        + pkg.substring(0, pkg.length() - 1)
                                        + " (it reaches outside the rules)"));
                return;
            }
        }
        for (String part : name.split("\\.")) {
            if (FORBIDDEN_NAMES.contains(part)) {
                errors.add(
                        new RuleError(
                                file,
                                line,
                                column,
                                "'"
                                        + name
                                        + "': a rule may not use "
                                        + part
                                        + " (rules may use the facts, the model's words and plain"
                                        + " values, nothing that reaches the process or its"
                                        + " host)"));
                return;
            }
        }
        if (imported
                && name.contains(".")
                && ALLOWED_IMPORTS.stream().noneMatch(name::startsWith)) {
            errors.add(
                    new RuleError(
                            file,
                            line,
                            column,
                            "import '"
                                    + name
                                    + "' is not allowed: a rule file may import from"
                                    + " dev.tiering.engine.facts, dev.tiering.model, java.util,"
                                    + " java.math, java.time, java.text and Math"));
        }
    }

    private static int skipString(String text, int i) {
        char quote = text.charAt(i);
        boolean block = quote == '"' && text.startsWith("\"\"\"", i);
        int j = i + (block ? 3 : 1);
        while (j < text.length()) {
            char c = text.charAt(j);
            if (c == '\\') {
                j += 2;
                continue;
            }
            if (block ? text.startsWith("\"\"\"", j) : c == quote) {
                return j + (block ? 3 : 1);
            }
            if (!block && c == '\n') {
                return j; // an unterminated literal ends at the line; the compiler will say so
            }
            j++;
        }
        return j;
    }

    /**
     * The text with Java's unicode escapes decoded, and the original line and column of each
     * character.
     */
    private static final class Source {
        final String text;
        final int[] lines;
        final int[] columns;

        private Source(String text, int[] lines, int[] columns) {
            this.text = text;
            this.lines = lines;
            this.columns = columns;
        }

        static Source decode(String raw) {
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
            return new Source(out.toString(), lines, columns);
        }

        int line(int index) {
            return lines[index];
        }

        int column(int index) {
            return columns[index];
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
}
