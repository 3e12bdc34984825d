package dev.tiering.lifecycle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A unified diff of two texts ({@code diff -u}): Myers' shortest edit script over lines, shown in
 * hunks with three lines of context. Rule files are small, so the plain algorithm is fast enough;
 * past {@link #MAX_EDITS} edits the whole file is shown as replaced rather than searched further.
 */
public final class UnifiedDiff {
    static final int CONTEXT = 3;
    static final int MAX_EDITS = 20_000;

    private UnifiedDiff() {}

    /**
     * The diff of {@code name} from {@code before} to {@code after} (either may be null: the file
     * is new or gone); empty when they are equal.
     */
    public static String of(String name, String before, String after) {
        String[] a = lines(before);
        String[] b = lines(after);
        if (Arrays.equals(a, b)) {
            return "";
        }
        List<Op> script = script(a, b);
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(before == null ? "/dev/null" : "a/" + name).append('\n');
        out.append("+++ ").append(after == null ? "/dev/null" : "b/" + name).append('\n');
        hunks(script, a, b, out);
        return out.toString();
    }

    private static String[] lines(String text) {
        if (text == null || text.isEmpty()) {
            return new String[0];
        }
        String[] split = text.split("\r?\n", -1);
        // A final newline ends the last line; it does not start another one.
        return text.endsWith("\n") ? Arrays.copyOf(split, split.length - 1) : split;
    }

    /**
     * An edit: keep line {@code a} of the old text as line {@code b} of the new, delete {@code a},
     * or insert {@code b}.
     */
    private record Op(char kind, int a, int b) {}

    /** Myers' O(ND) greedy algorithm, with the trace kept to walk the path back. */
    private static List<Op> script(String[] a, String[] b) {
        int n = a.length;
        int m = b.length;
        int max = n + m;
        int offset = max + 1;
        int[] v = new int[2 * max + 3];
        List<int[]> trace = new ArrayList<>();
        int found = -1;
        for (int d = 0; d <= max && d <= MAX_EDITS; d++) {
            trace.add(v.clone());
            for (int k = -d; k <= d; k += 2) {
                int x =
                        (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
                                ? v[offset + k + 1]
                                : v[offset + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a[x].equals(b[y])) {
                    x++;
                    y++;
                }
                v[offset + k] = x;
                if (x >= n && y >= m) {
                    found = d;
                    break;
                }
            }
            if (found >= 0) {
                break;
            }
        }
        if (found < 0) {
            return replaceAll(n, m);
        }
        List<Op> ops = new ArrayList<>();
        int x = n;
        int y = m;
        for (int d = found; d > 0; d--) {
            int[] prev = trace.get(d);
            int k = x - y;
            int prevK =
                    (k == -d || (k != d && prev[offset + k - 1] < prev[offset + k + 1]))
                            ? k + 1
                            : k - 1;
            int prevX = prev[offset + prevK];
            int prevY = prevX - prevK;
            while (x > prevX && y > prevY) {
                ops.add(new Op(' ', --x, --y));
            }
            if (x == prevX) {
                ops.add(new Op('+', x, --y));
            } else {
                ops.add(new Op('-', --x, y));
            }
        }
        while (x > 0 && y > 0) {
            ops.add(new Op(' ', --x, --y));
        }
        java.util.Collections.reverse(ops);
        return ops;
    }

    private static List<Op> replaceAll(int n, int m) {
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ops.add(new Op('-', i, 0));
        }
        for (int j = 0; j < m; j++) {
            ops.add(new Op('+', n, j));
        }
        return ops;
    }

    private static void hunks(List<Op> ops, String[] a, String[] b, StringBuilder out) {
        int i = 0;
        while (i < ops.size()) {
            while (i < ops.size() && ops.get(i).kind() == ' ') {
                i++;
            }
            if (i == ops.size()) {
                return;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int lastChange = i;
            while (end < ops.size()) {
                if (ops.get(end).kind() != ' ') {
                    lastChange = end;
                } else if (end - lastChange > 2 * CONTEXT) {
                    break;
                }
                end++;
            }
            end = Math.min(ops.size(), lastChange + CONTEXT + 1);
            int aStart = -1;
            int bStart = -1;
            int aCount = 0;
            int bCount = 0;
            StringBuilder body = new StringBuilder();
            for (int j = start; j < end; j++) {
                Op op = ops.get(j);
                if (op.kind() != '+') {
                    aCount++;
                    aStart = aStart < 0 ? op.a() : aStart;
                }
                if (op.kind() != '-') {
                    bCount++;
                    bStart = bStart < 0 ? op.b() : bStart;
                }
                String line = op.kind() == '+' ? b[op.b()] : a[op.a()];
                body.append(op.kind()).append(line).append('\n');
            }
            Op first = ops.get(start);
            aStart = aStart < 0 ? first.a() : aStart;
            bStart = bStart < 0 ? first.b() : bStart;
            out.append("@@ -")
                    .append(range(aStart, aCount))
                    .append(" +")
                    .append(range(bStart, bCount))
                    .append(" @@\n")
                    .append(body);
            i = end;
        }
    }

    private static String range(int start, int count) {
        // Line numbers are 1-based; an empty range names the line before it.
        return (count == 0 ? start : start + 1) + (count == 1 ? "" : "," + count);
    }
}
