package dev.tiering.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiering.engine.RulesFixture;
import dev.tiering.engine.sandbox.Attacks;
import dev.tiering.lifecycle.RulesCopy;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code target/tiering-check.jar} as an analyst and CI run it: {@code java -jar} and
 * nothing else, on the shipped folder and on a broken copy. Checks exit codes, output, that nothing
 * else (logging of the libraries) reaches the terminal, and that the shipped folder is checked in
 * seconds.
 */
class CheckJarIT {
    static final Path JAR = Path.of("target", "tiering-check.jar");

    /**
     * Far above the few seconds it takes, so a busy CI machine does not fail it; a server start
     * would.
     */
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir Path temp;

    record Result(int exit, String out, String err, Duration took) {}

    static Result java(String... args) throws IOException, InterruptedException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(
                    JAR + " is missing: run `./mvnw verify` (the package phase builds it)");
        }
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-jar",
                                JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("check-out-", ".txt");
        Path err = Files.createTempFile("check-err-", ".txt");
        long started = System.nanoTime();
        Process p =
                new ProcessBuilder(command)
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
        if (!p.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(
                    "java -jar " + JAR + " " + String.join(" ", args) + " ran past " + LIMIT);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        try {
            return new Result(
                    p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8),
                    took);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void the_shipped_folder_passes_with_full_coverage_and_prints_nothing_but_the_report()
            throws Exception {
        Result r = java("--min-coverage", "1.0", "rules");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.err()).as("stderr (library logging?)").isEmpty();
        assertThat(r.out())
                .containsPattern("(?m)^scenarios: \\d+ passed, 0 failed, 0 skipped$")
                .containsPattern("(?m)^coverage: 1\\.0 ")
                .doesNotContain("SLF4J", "LogManager", "WARN", "INFO");
        assertThat(r.out().lines().reduce((a, b) -> b).orElse("")).startsWith("OK: rules holds");
        assertThat(r.took()).isLessThan(LIMIT);
    }

    @Test
    void a_broken_copy_fails_with_exit_1_and_the_error_at_the_file_and_line() throws Exception {
        Path copy = temp.resolve("rules");
        CheckCommandTest.copyTree(RulesFixture.RULES, copy);
        RulesCopy.replace(
                copy.resolve("tiers.drl"),
                "$o : OperatorFact( bindingDeals > 0 )",
                "$o : OperatorFact( bindingDeals > 0 ");
        Path junit = temp.resolve("check.xml");

        Result r = java("--junit", junit.toString(), copy.toString());

        assertThat(r.exit()).as(r.out()).isEqualTo(1);
        assertThat(r.err()).isEmpty();
        assertThat(r.out())
                .containsPattern(
                        "(?m)^"
                                + Pattern.quote(copy.resolve("tiers.drl").toString())
                                + ":[1-9]\\d*:[1-9]\\d*: error: ");
        assertThat(r.out().lines().reduce((a, b) -> b).orElse(""))
                .isEqualTo("FAILED: the rules do not compile");
        assertThat(Files.readString(junit)).contains("<failure message=");
    }

    @Test
    void a_rule_that_calls_system_exit_is_refused_at_its_line_and_cannot_make_the_check_pass()
            throws Exception {
        Path copy = temp.resolve("rules");
        CheckCommandTest.copyTree(RulesFixture.RULES, copy);
        RulesCopy.write(
                copy.resolve("exit.drl"),
                """
                package rules;

                import dev.tiering.engine.facts.OperatorFact;

                rule "Exit: ends the process that classifies"
                when
                    OperatorFact()
                then
                    System.exit( 0 );
                end
                """);

        Result r = java("--json", copy.toString());

        // The sandbox refuses the call before anything runs: a whole document, exit 1, the line
        // named. Should a call ever slip past it, the exit guard still turns the exit into status 1
        // (never a false "0").
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        JsonNode report = RulesFixture.JSON.readTree(r.out());
        assertThat(report.get("exitCode").asInt()).isEqualTo(1);
        assertThat(report.get("compiled").asBoolean()).isFalse();
        JsonNode error = report.get("errors").get(0);
        assertThat(error.get("file").asText()).isEqualTo("exit.drl");
        assertThat(error.get("line").asInt()).isEqualTo(9);
        assertThat(error.get("message").asText()).contains("java.lang.System.exit", "not allowed");
    }

    @Test
    void
            every_route_out_is_refused_at_its_line_by_the_check_command_serving_one_folder_after_another()
                    throws Exception {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run `./mvnw verify`");
        }
        Path canaries = Files.createDirectories(temp.resolve("canaries"));
        Process server =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-jar",
                                JAR.toString(),
                                CheckCommand.SERVE)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
        try (BufferedWriter in =
                        new BufferedWriter(
                                new OutputStreamWriter(
                                        server.getOutputStream(), StandardCharsets.UTF_8));
                BufferedReader out =
                        new BufferedReader(
                                new InputStreamReader(
                                        server.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo(CheckServer.READY);
            int id = 0;
            for (String file : Attacks.ROUTES) {
                Attacks.Attack attack = Attacks.Attack.read(file, canaries.resolve(file));
                Path dir = Files.createDirectories(temp.resolve("route-" + id));
                Files.writeString(dir.resolve(file), attack.text());
                in.write(
                        RulesFixture.JSON.writeValueAsString(
                                Map.of("id", Integer.toString(++id), "dir", dir.toString())));
                in.newLine();
                in.flush();
                String line;
                do {
                    line = out.readLine();
                } while (line != null && !line.startsWith(CheckServer.REPORT + id + " "));
                assertThat(line).as(file).isNotNull();
                JsonNode report =
                        RulesFixture.JSON.readTree(
                                line.substring((CheckServer.REPORT + id + " ").length()));
                assertThat(report.get("exitCode").asInt()).as(file).isEqualTo(1);
                assertThat(report.get("errors"))
                        .as(file)
                        .anySatisfy(
                                e -> {
                                    assertThat(e.get("file").asText()).isEqualTo(file);
                                    assertThat(e.get("line").asInt()).isEqualTo(attack.line());
                                    assertThat(e.get("message").asText())
                                            .contains(attack.refused());
                                });
            }
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
        try (var written = Files.list(canaries)) {
            assertThat(written).as("files the attacks would have written").isEmpty();
        }
    }

    @Test
    void bad_usage_exits_2_with_the_usage_line() throws Exception {
        Result r = java("--no-such-flag", "rules");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .contains("unknown option --no-such-flag")
                .contains("usage: java -jar tiering-check.jar");
    }

    @Test
    void json_is_one_document_on_stdout() throws Exception {
        Result r = java("--json", "rules");

        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(RulesFixture.JSON.readTree(r.out()).get("exitCode").asInt()).isZero();
    }
}
