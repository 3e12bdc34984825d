package dev.tiering.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rule text that reaches for the process or the host is refused before it is compiled, however it
 * is spelt; the shipped rules, and words such as "System" inside strings and comments, pass.
 */
class RuleVetterTest {

    @Test
    void the_shipped_rules_pass() {
        assertThat(RuleVetter.vet(RuleSources.read(RulesFixture.RULES))).isEmpty();
    }

    @Test
    void every_spelling_of_reaching_outside_is_refused_with_its_line() {
        Map<String, String> attempts =
                Map.ofEntries(
                        Map.entry("exit in a consequence", "then\n    System.exit(0);\nend"),
                        Map.entry("fully qualified", "then\n    java.lang.System.exit(0);\nend"),
                        Map.entry(
                                "spaced out",
                                "then\n    java . lang . Runtime . getRuntime().halt(1);\nend"),
                        Map.entry("unicode escapes", "then\n    \\u0053ystem.exit(0);\nend"),
                        Map.entry("doubled u escape", "then\n    \\uuu0053ystem.exit(0);\nend"),
                        Map.entry("an import", "import java.io.File;\n"),
                        Map.entry("a static import", "import static java.lang.System.exit;\n"),
                        Map.entry(
                                "a file write",
                                "then\n    java.nio.file.Files.writeString(null, \"x\");\nend"),
                        Map.entry(
                                "a socket",
                                "function void leak() {\n    new java.net.Socket(\"h\", 1);\n}"),
                        Map.entry(
                                "a process", "then\n    new ProcessBuilder(\"sh\").start();\nend"),
                        Map.entry("a thread", "then\n    new Thread(() -> {}).start();\nend"),
                        Map.entry(
                                "reflection",
                                "then\n    $o.getClass().getMethod(\"x\").invoke($o);\nend"),
                        Map.entry(
                                "a class loader",
                                "function Object x() {\n    return Class.forName(\"X\");\n}"),
                        Map.entry("an engine internal", "import org.drools.core.WorkingMemory;\n"),
                        Map.entry("another import", "import com.example.Evil;\n"));
        attempts.forEach(
                (what, text) -> {
                    String file = "package rules;\n\n" + text + "\n";
                    List<RuleError> errors =
                            RuleVetter.vet(
                                    RuleSources.ofRules(
                                            Map.of(
                                                    "evil.drl",
                                                    file.getBytes(StandardCharsets.UTF_8))));
                    assertThat(errors).as(what).isNotEmpty();
                    assertThat(errors.get(0).file()).as(what).isEqualTo("evil.drl");
                    assertThat(errors.get(0).line()).as(what).isGreaterThanOrEqualTo(3);
                });
    }

    @Test
    void the_words_inside_strings_and_comments_are_only_words() {
        String text =
                """
                package rules;
                import dev.tiering.engine.facts.OperatorFact;
                import java.util.List;
                // System.exit would be refused in code; in a comment it is a comment.
                /* java.io.File */
                rule "Words"
                when
                    $o : OperatorFact()
                then
                    String m = "the System of the note, java.io and a Thread of thought";
                end
                """;
        assertThat(
                        RuleVetter.vet(
                                RuleSources.ofRules(
                                        Map.of("ok.drl", text.getBytes(StandardCharsets.UTF_8)))))
                .isEmpty();
    }

    @Test
    void a_huge_file_is_refused_before_it_reaches_the_compiler() {
        byte[] huge = new byte[RuleVetter.MAX_FILE_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) 'x');
        List<RuleError> errors = RuleVetter.vet(RuleSources.ofRules(Map.of("huge.drl", huge)));
        assertThat(errors)
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.file()).isEqualTo("huge.drl");
                            assertThat(e.message()).contains("at most");
                        });
    }

    @Test
    void a_long_list_of_problems_is_cut_short_saying_how_many_more() {
        StringBuilder text = new StringBuilder("package rules;\n");
        for (int i = 0; i < 200; i++) {
            text.append("function void f")
                    .append(i)
                    .append("() { System.exit(")
                    .append(i)
                    .append("); }\n");
        }
        List<RuleError> errors =
                RuleVetter.vet(
                        RuleSources.ofRules(
                                Map.of(
                                        "many.drl",
                                        text.toString().getBytes(StandardCharsets.UTF_8))));
        assertThat(errors).hasSize(RuleVetter.MAX_ERRORS);
        assertThat(errors.get(errors.size() - 1).message()).contains("more problems not listed");
    }
}
