package dev.tiering.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The unified diff of two rule files: its exact form on a known edit, and on random edits a patch
 * that works.
 */
@Execution(ExecutionMode.CONCURRENT)
class UnifiedDiffTest {

    @Test
    void a_changed_threshold_is_one_hunk_with_three_lines_of_context() {
        String before = "a\nb\nc\nd\nreturn 1;\ne\nf\ng\nh\n";
        String after = "a\nb\nc\nd\nreturn 2;\ne\nf\ng\nh\n";
        assertThat(UnifiedDiff.of("tiers.drl", before, after))
                .isEqualTo(
                        """
                        --- a/tiers.drl
                        +++ b/tiers.drl
                        @@ -2,7 +2,7 @@
                         b
                         c
                         d
                        -return 1;
                        +return 2;
                         e
                         f
                         g
                        """);
    }

    @Test
    void equal_texts_have_no_diff_and_new_or_removed_files_diff_against_nothing() {
        assertThat(UnifiedDiff.of("x.drl", "a\n", "a\n")).isEmpty();
        assertThat(UnifiedDiff.of("x.drl", null, "a\nb\n"))
                .isEqualTo("--- /dev/null\n+++ b/x.drl\n@@ -0,0 +1,2 @@\n+a\n+b\n");
        assertThat(UnifiedDiff.of("x.drl", "a\n", null))
                .isEqualTo("--- a/x.drl\n+++ /dev/null\n@@ -1 +0,0 @@\n-a\n");
    }

    @Test
    void on_random_edits_the_diff_patches_the_old_text_into_the_new() {
        Random random = new Random(7);
        for (int round = 0; round < 500; round++) {
            List<String> a = new ArrayList<>();
            for (int i = random.nextInt(40); i > 0; i--) {
                a.add("line " + random.nextInt(12));
            }
            List<String> b = new ArrayList<>(a);
            for (int edits = random.nextInt(6); edits > 0; edits--) {
                int op = random.nextInt(3);
                if (op == 0 || b.isEmpty()) {
                    b.add(random.nextInt(b.size() + 1), "new " + random.nextInt(5));
                } else if (op == 1) {
                    b.remove(random.nextInt(b.size()));
                } else {
                    b.set(random.nextInt(b.size()), "changed " + random.nextInt(5));
                }
            }
            String before = text(a);
            String after = text(b);
            String diff = UnifiedDiff.of("f", before, after);
            assertThat(patch(a, diff)).as("round %d\n%s", round, diff).isEqualTo(b);
            assertThat(diff.isEmpty()).isEqualTo(a.equals(b));
        }
    }

    private static String text(List<String> lines) {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    /**
     * Applies a unified diff to the old lines, checking every context and removed line on the way.
     */
    private static List<String> patch(List<String> old, String diff) {
        if (diff.isEmpty()) {
            return old;
        }
        List<String> out = new ArrayList<>();
        int next = 0; // next old line (0-based) not yet copied
        List<String> lines = Arrays.asList(diff.split("\n"));
        for (int i = 2; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("@@")) {
                String[] ranges = l.split(" ");
                String[] from = ranges[1].substring(1).split(",");
                int start = Integer.parseInt(from[0]);
                int count = from.length > 1 ? Integer.parseInt(from[1]) : 1;
                int firstOld = count == 0 ? start : start - 1;
                while (next < firstOld) {
                    out.add(old.get(next++));
                }
            } else if (l.startsWith("+")) {
                out.add(l.substring(1));
            } else {
                assertThat(old.get(next)).isEqualTo(l.substring(1));
                if (l.startsWith(" ")) {
                    out.add(old.get(next));
                }
                next++;
            }
        }
        while (next < old.size()) {
            out.add(old.get(next++));
        }
        return out;
    }
}
