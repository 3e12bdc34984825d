package dev.tiering.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiering.PackagedApp;
import dev.tiering.store.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18.3 on the packaged service, whose child JVM runs from the {@code quarkus-app} folders: a
 * rule file that would stop, hang or turn the service against its host is refused with its name,
 * the service stays up and the next reload works; and a service (re)started with such a file in its
 * folder says so and ends, instead of hanging.
 */
class DangerousRulesIT {
    private static final String PASSWORD = "dangerous-secret";
    private static final Map<String, String> ENV =
            Map.of("TIERING_ANALYST_PASSWORD", PASSWORD, "TIERING_ADMIN_PASSWORD", PASSWORD);
    private static final String SPIN =
            """
            package rules;
            import dev.tiering.engine.facts.OperatorFact;
            function int spin(int n) { int i = 0; while (n > 0) { i = i + 1; } return i; }
            rule "Spin for ever"
            when
                OperatorFact()
            then
                spin(1);
            end
            """;

    @TempDir Path work;
    private Path rules;

    @BeforeEach
    void copyRules() throws IOException {
        rules = work.resolve("rules");
        try (Stream<Path> all = Files.walk(Path.of("rules"))) {
            for (Path from : all.toList()) {
                Path to = rules.resolve(Path.of("rules").relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Test
    void a_rule_that_never_ends_or_reaches_for_the_host_is_refused_and_the_service_serves_on()
            throws Exception {
        try (PackagedApp app =
                new PackagedApp(work.resolve("data"), ENV)
                        .rules(rules)
                        .property("tiering.rules.watch", "false")
                        .property("tiering.rules.check-timeout", "PT15S")
                        .start()) {
            Files.writeString(rules.resolve("spin.drl"), SPIN);
            long started = System.nanoTime();
            HttpResponse<String> spin = app.send("POST", "/rules/reload", "admin", PASSWORD, null);
            assertThat(spin.statusCode()).isEqualTo(422);
            assertThat(spin.body()).contains("\"file\":\"spin.drl\"", "took longer than 15 s");
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isLessThan(Duration.ofSeconds(60));
            assertThat(app.send("POST", "/classify", null, null, Api.profile("LIVE")).statusCode())
                    .isEqualTo(200);

            Files.delete(rules.resolve("spin.drl"));
            Files.writeString(
                    rules.resolve("exit.drl"),
                    """
                    package rules;
                    import dev.tiering.engine.facts.OperatorFact;
                    rule "Leave"
                    when
                        OperatorFact()
                    then
                        java.lang.System.exit(0);
                    end
                    """);
            HttpResponse<String> exit = app.send("POST", "/rules/reload", "admin", PASSWORD, null);
            assertThat(exit.statusCode()).isEqualTo(422);
            assertThat(exit.body()).contains("\"file\":\"exit.drl\"", "System");

            Files.delete(rules.resolve("exit.drl"));
            assertThat(app.send("POST", "/rules/reload", "admin", PASSWORD, null).statusCode())
                    .isEqualTo(200);
            assertThat(app.get("/q/health/live").statusCode()).isEqualTo(200);
            assertThat(app.log()).contains("Rules refused").doesNotContain("\tat ");
        }
    }

    @Test
    void a_service_restarted_with_a_rule_that_never_ends_names_the_file_and_ends()
            throws Exception {
        Path data = work.resolve("data");
        try (PackagedApp first = new PackagedApp(data, ENV).rules(rules).start()) {
            first.stop(); // the shipped rules are now the archive's active version
        }
        Files.writeString(rules.resolve("spin.drl"), SPIN);
        PackagedApp again =
                new PackagedApp(data, ENV)
                        .rules(rules)
                        .property("tiering.rules.check-timeout", "PT15S");
        try (again) {
            assertThatThrownBy(again::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the service exited with 1");
            assertThat(again.log())
                    .contains("spin.drl:0: changed; checking these rules", "took longer than 15 s")
                    .doesNotContain("tiers.drl:0: changed");
        }
    }
}
