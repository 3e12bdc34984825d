package dev.tiering.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The shipped rule files read like the note: a consequence is the decision and a message from a
 * template, a few lines at most; a threshold another file uses is named at the top of the file that
 * uses it, beside the file that defines it; and salience orders rules only where the first rule
 * that holds is the meaning (the tiers).
 */
@Execution(ExecutionMode.CONCURRENT)
class RuleFilesTest {
    private static final int MOST_LINES = 3;
    private static final Pattern FUNCTION =
            Pattern.compile("(?m)^function\\s+[\\w<>\\[\\]]+\\s+(\\w+)\\s*\\(");
    private static final Pattern RULE =
            Pattern.compile("(?ms)^rule\\s+\"([^\"]+)\".*?^then\\s*$(.*?)^end\\s*$");

    private static Map<String, String> files;

    @BeforeAll
    static void read() throws IOException {
        files = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(RulesFixture.RULES)) {
            for (Path f : list.filter(p -> p.toString().endsWith(".drl")).sorted().toList()) {
                files.put(f.getFileName().toString(), Files.readString(f));
            }
        }
        assertThat(files).containsKeys("tiers.drl", "stages.drl", "gaps.drl");
    }

    @Test
    void every_consequence_is_at_most_three_lines() {
        List<String> long_ = new ArrayList<>();
        int rules = 0;
        for (Map.Entry<String, String> f : files.entrySet()) {
            Matcher m = RULE.matcher(f.getValue());
            while (m.find()) {
                rules++;
                long lines = m.group(2).lines().filter(l -> !l.isBlank()).count();
                if (lines > MOST_LINES) {
                    long_.add(f.getKey() + " '" + m.group(1) + "': " + lines + " lines");
                }
            }
        }
        assertThat(rules).isGreaterThan(20);
        assertThat(long_).isEmpty();
    }

    @Test
    void a_function_of_another_file_is_named_at_the_top_of_the_file_that_uses_it() {
        Map<String, String> definedIn = new LinkedHashMap<>();
        files.forEach(
                (file, text) -> {
                    Matcher m = FUNCTION.matcher(text);
                    while (m.find()) {
                        definedIn.put(m.group(1), file);
                    }
                });
        assertThat(definedIn).containsKeys("massiveEstablishedBacklogUsd", "bareMetalDensityUsd");
        List<String> unnamed = new ArrayList<>();
        int shared = 0;
        for (Map.Entry<String, String> f : files.entrySet()) {
            for (Map.Entry<String, String> d : definedIn.entrySet()) {
                if (d.getValue().equals(f.getKey())
                        || !Pattern.compile("\\b" + d.getKey() + "\\s*\\(")
                                .matcher(f.getValue())
                                .find()) {
                    continue;
                }
                shared++;
                Pattern named =
                        Pattern.compile(
                                "(?m)^//.*\\b"
                                        + d.getKey()
                                        + "\\b.*\\b"
                                        + Pattern.quote(d.getValue()));
                if (!named.matcher(f.getValue()).find()) {
                    unnamed.add(f.getKey() + " uses " + d.getKey() + " of " + d.getValue());
                }
            }
        }
        assertThat(shared).as("functions used across files").isPositive();
        assertThat(unnamed).isEmpty();
    }

    @Test
    void only_the_tiers_are_ordered_by_salience() {
        files.forEach(
                (file, text) -> {
                    boolean ordered = Pattern.compile("(?m)^\\s*salience\\b").matcher(text).find();
                    assertThat(ordered).as(file).isEqualTo(file.equals("tiers.drl"));
                });
        assertThat(files.get("tiers.drl")).contains("first tier that holds");
    }
}
