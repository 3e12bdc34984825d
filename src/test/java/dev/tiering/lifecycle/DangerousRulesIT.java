package dev.tiering.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiering.PackagedApp;
import dev.tiering.engine.sandbox.Attacks;
import dev.tiering.store.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile rule files against the packaged service on its production defaults (the checker JVM on):
 * each route out that users found, and each rule that never ends or fills the heap, is refused by a
 * reload with its file, line and what it reached for, none of their code runs, and the service
 * serves on. A service restarted with such a file serves the last good rules and says why; a first
 * start with one names the file and ends.
 */
class DangerousRulesIT {
    private static final String PASSWORD = "dangerous-secret";
    private static final Map<String, String> ENV =
            Map.of("TIERING_ANALYST_PASSWORD", PASSWORD, "TIERING_ADMIN_PASSWORD", PASSWORD);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path work;
    private Path rules;
    private Path canaries;

    @BeforeEach
    void copyRules() throws IOException {
        rules = work.resolve("rules");
        canaries = Files.createDirectories(work.resolve("canaries"));
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
    void every_route_out_and_every_runaway_is_refused_at_its_line_and_the_service_serves_on()
            throws Exception {
        try (PackagedApp app =
                new PackagedApp(work.resolve("data"), ENV)
                        .rules(rules)
                        .property("tiering.rules.watch", "false")
                        .start()) {
            for (String file : Attacks.ROUTES) {
                Attacks.Attack attack =
                        Attacks.Attack.read(file, canaries.resolve(file + ".canary"));
                Files.writeString(rules.resolve(file), attack.text());
                HttpResponse<String> refused = reload(app);
                Files.delete(rules.resolve(file));

                assertThat(refused.statusCode()).as(file).isEqualTo(422);
                assertThat(JSON.readTree(refused.body()).path("errors"))
                        .as(file)
                        .anySatisfy(
                                e -> {
                                    assertThat(e.path("file").asText()).isEqualTo(file);
                                    assertThat(e.path("line").asInt()).isEqualTo(attack.line());
                                    assertThat(e.path("message").asText())
                                            .contains(attack.refused());
                                });
            }
            for (String file : Attacks.runaways().toList()) {
                Attacks.Runaway runaway = Attacks.Runaway.read(file);
                Files.writeString(rules.resolve(file), runaway.text());
                HttpResponse<String> refused = reload(app);
                Files.delete(rules.resolve(file));

                assertThat(refused.statusCode()).as(file).isEqualTo(422);
                JsonNode first = JSON.readTree(refused.body()).path("errors").path(0);
                assertThat(first.path("file").asText()).as(file).isEqualTo(file);
                assertThat(first.path("message").asText())
                        .as(file)
                        .contains(runaway.rule(), runaway.stopped());
            }

            try (Stream<Path> written = Files.list(canaries)) {
                assertThat(written).as("files the attacks would have written").isEmpty();
            }
            assertThat(app.send("POST", "/classify", null, null, Api.profile("LIVE")).statusCode())
                    .isEqualTo(200);
            assertThat(reload(app).statusCode()).isEqualTo(200);
            assertThat(app.get("/q/health/live").statusCode()).isEqualTo(200);
            assertThat(app.log()).contains("Rules refused").doesNotContain("\tat ");
        }
    }

    @Test
    void a_restart_with_a_refused_file_serves_the_last_good_rules_and_says_why() throws Exception {
        Path data = work.resolve("data");
        String good;
        try (PackagedApp first = new PackagedApp(data, ENV).rules(rules).start()) {
            good = JSON.readTree(first.get("/rules").body()).path("version").asText();
            first.stop();
        }
        Attacks.Runaway spin = Attacks.Runaway.read("endless-loop-in-a-consequence.drl");
        Files.writeString(rules.resolve(spin.file()), spin.text());

        try (PackagedApp again = new PackagedApp(data, ENV).rules(rules).start()) {
            JsonNode served = JSON.readTree(again.get("/rules").body());
            assertThat(served.path("version").asText()).isEqualTo(good);
            assertThat(served.path("lastError").path("errors").path(0).path("file").asText())
                    .isEqualTo(spin.file());
            assertThat(again.log()).contains("serving rule set " + good + ", the last one active");
            assertThat(
                            again.send("POST", "/classify", null, null, Api.profile("LIVE"))
                                    .statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void a_first_start_with_a_refused_file_names_it_and_ends() throws Exception {
        Attacks.Attack exit =
                Attacks.Attack.read("unicode-escaped-names.drl", canaries.resolve("exit"));
        Files.writeString(rules.resolve(exit.file()), exit.text());
        PackagedApp app = new PackagedApp(work.resolve("data"), ENV).rules(rules);
        try (app) {
            assertThatThrownBy(app::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the service exited with 1");
            assertThat(app.log())
                    .contains(exit.file() + ":" + exit.line(), "java.lang.System.exit");
        }
    }

    private static HttpResponse<String> reload(PackagedApp app)
            throws IOException, InterruptedException {
        return app.send("POST", "/rules/reload", "admin", PASSWORD, null);
    }
}
