package dev.tiering.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document at /q/openapi is fit for client generators and passes {@code redocly lint}
 * with the recommended ruleset: every operation has a unique camelCase operationId and says what
 * security it needs ({@code []} for public ones), the servers list is filled, and what the document
 * says about security is what the service does. The last test runs the redocly CLI on the document
 * when it is installed (.ci/run installs it and sets {@code REDOCLY}); where it is not, that test
 * is skipped with a message saying how to install it.
 */
@QuarkusTest
class OpenApiLintTest {
    private static final Set<String> HTTP_METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /**
     * The version .ci/run installs (keep the two in step); the recommended ruleset changes between
     * versions.
     */
    private static final String REDOCLY_VERSION = "2.77.0";

    private static final Path LINT_DIR = Path.of("target", "openapi-lint");

    private static JsonNode document;

    /** One operation of the document: its method, path and object. */
    record Op(String method, String path, JsonNode node) {
        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }

        /** The path with a value for every path parameter, one no test stores. */
        String concretePath() {
            return path.replaceAll("\\{[^}]+}", "OPENAPI-LINT-NONE");
        }

        boolean isPublic() {
            return node.has("security") && node.get("security").isEmpty();
        }
    }

    /**
     * Once per class, but in @BeforeEach: RestAssured knows the test port only from the first test
     * on.
     */
    @BeforeEach
    void fetchDocument() throws IOException {
        if (document != null) {
            return;
        }
        String json =
                given().accept("application/json")
                        .get("/q/openapi?format=json")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        document = new ObjectMapper().readTree(json);
    }

    private static List<Op> operations() {
        List<Op> ops = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
                paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> it = path.getValue().fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> op = it.next();
                if (HTTP_METHODS.contains(op.getKey())) {
                    ops.add(new Op(op.getKey(), path.getKey(), op.getValue()));
                }
            }
        }
        assertThat(ops).as("operations in /q/openapi").isNotEmpty();
        return ops;
    }

    @Test
    void every_operation_has_a_unique_camel_case_operation_id() {
        Set<String> seen = new HashSet<>();
        for (Op op : operations()) {
            String id = op.node().path("operationId").asText("");
            assertThat(id)
                    .as("operationId of %s (@Operation(operationId = ...))", op)
                    .matches("[a-z][a-zA-Z0-9]*");
            assertThat(seen.add(id)).as("operationId %s of %s is used twice", id, op).isTrue();
        }
    }

    @Test
    void every_operation_declares_its_security_with_a_known_scheme() {
        JsonNode schemes = document.path("components").path("securitySchemes");
        assertThat(schemes.path("basicAuth").path("scheme").asText()).isEqualTo("basic");
        for (Op op : operations()) {
            JsonNode security = op.node().get("security");
            assertThat(security).as("security of %s ([] when public)", op).isNotNull();
            assertThat(security.isArray()).as("security of %s is a list", op).isTrue();
            for (JsonNode requirement : security) {
                requirement
                        .fieldNames()
                        .forEachRemaining(
                                scheme ->
                                        assertThat(schemes.has(scheme))
                                                .as(
                                                        "%s requires scheme %s, which"
                                                            + " components.securitySchemes lacks",
                                                        op, scheme)
                                                .isTrue());
            }
        }
    }

    @Test
    void the_servers_list_is_filled_and_relative_so_it_holds_on_any_port() {
        JsonNode servers = document.path("servers");
        assertThat(servers.size()).as("servers").isPositive();
        servers.forEach(
                server -> assertThat(server.path("url").asText()).as("server url").startsWith("/"));
    }

    /**
     * The document's {@code security: []} is a promise: an anonymous caller is never refused
     * (401/403).
     */
    @Test
    void public_operations_answer_an_anonymous_caller() {
        List<Op> open = operations().stream().filter(Op::isPublic).toList();
        assertThat(open)
                .extracting(Op::toString)
                .as("operations with security: []")
                .contains(
                        "POST /classify",
                        "POST /classify/batch",
                        "GET /operators",
                        "GET /rules",
                        "GET /screen");
        // every read is open but the webhook subscriptions', which hold where events go (API.md:
        // admin)
        operations().stream()
                .filter(op -> op.method().equals("get"))
                .filter(op -> !op.path().startsWith("/subscriptions"))
                .forEach(
                        op ->
                                assertThat(op.isPublic())
                                        .as("%s: every read is open, so security: []", op)
                                        .isTrue());
        for (Op op : open) {
            int status = anonymous(op).request(op.method(), op.concretePath()).statusCode();
            assertThat(status)
                    .as("%s is public in the document, but refuses an anonymous caller", op)
                    .isNotIn(401, 403);
        }
    }

    /** And a declared requirement is one too: without credentials, 401. Nothing is written. */
    @Test
    void secured_operations_refuse_an_anonymous_caller() {
        List<Op> secured = operations().stream().filter(op -> !op.isPublic()).toList();
        assertThat(secured)
                .extracting(Op::toString)
                .as("operations with a security requirement")
                .contains("PUT /operators/{ticker}", "POST /rules/reload");
        for (Op op : secured) {
            assertThat(op.node().path("security").toString()).as("%s", op).contains("basicAuth");
            int status = anonymous(op).request(op.method(), op.concretePath()).statusCode();
            assertThat(status)
                    .as("%s declares basicAuth; an anonymous caller must get 401", op)
                    .isEqualTo(401);
        }
    }

    /**
     * A request without credentials, with a body of the media type the operation declares (JSON, or
     * CSV).
     */
    private static RequestSpecification anonymous(Op op) {
        var content = op.node().path("requestBody").path("content");
        if (content.isMissingNode() || !content.fieldNames().hasNext()) {
            return given().contentType("application/json");
        }
        String type = content.fieldNames().next();
        return given().contentType(type).body(type.contains("json") ? "{}" : "ticker,id\n");
    }

    @Test
    void redocly_lint_with_the_recommended_ruleset_finds_no_errors()
            throws IOException, InterruptedException {
        Optional<Path> redocly = redocly();
        Assumptions.assumeTrue(
                redocly.isPresent(),
                "redocly CLI not installed, so the OpenAPI lint is skipped. "
                        + "Install it with `npm install --prefix .ci/tools/redocly @redocly/cli@"
                        + REDOCLY_VERSION
                        + "` and set REDOCLY=.ci/tools/redocly/node_modules/.bin/redocly (as"
                        + " .ci/run does), or put redocly on the PATH");

        Files.createDirectories(LINT_DIR);
        Path file = LINT_DIR.resolve("openapi.json").toAbsolutePath();
        Files.writeString(file, document.toPrettyString(), StandardCharsets.UTF_8);
        Path report = LINT_DIR.resolve("redocly.txt").toAbsolutePath();

        // Run in target/openapi-lint, so no redocly.yaml of the developer's applies; no telemetry,
        // no notices.
        ProcessBuilder builder =
                new ProcessBuilder(
                                redocly.get().toString(),
                                "lint",
                                "--extends=recommended",
                                "--format=stylish",
                                file.toString())
                        .directory(LINT_DIR.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(report.toFile());
        builder.environment().put("REDOCLY_TELEMETRY", "off");
        builder.environment().put("REDOCLY_SUPPRESS_NOTIFICATIONS", "true");
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("redocly lint did not finish in 3 minutes");
        }
        String output = Files.readString(report, StandardCharsets.UTF_8);
        System.out.println(
                "redocly lint --extends=recommended "
                        + file
                        + " ("
                        + redocly.get()
                        + "):\n"
                        + output);
        assertThat(process.exitValue())
                .as("redocly lint exit code; its output:\n%s", output)
                .isZero();
    }

    /** $REDOCLY (must then be executable), else redocly on the PATH. */
    private static Optional<Path> redocly() {
        String configured = System.getenv("REDOCLY");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            assertThat(Files.isExecutable(path))
                    .as("REDOCLY=%s is set but not an executable", configured)
                    .isTrue();
            return Optional.of(path);
        }
        String pathVariable = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.of(pathVariable.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "redocly"))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
