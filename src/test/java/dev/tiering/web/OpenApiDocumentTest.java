package dev.tiering.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiering.codec.Spreadsheets;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document is what clients are generated from (docs/clients.md), so it says everything
 * a typed client needs: a schema for every answer that has a body, the {@code Problem} of every
 * error, typed parameters, and nothing a generator warns of. The build generates its Java client
 * from the checked-in copy, {@code docs/openapi.json}; the first test holds that copy equal to what
 * the service serves.
 */
@QuarkusTest
class OpenApiDocumentTest {
    /** The checked-in document the build generates clients from. */
    static final Path CHECKED_IN = Path.of("docs", "openapi.json");

    /** Where the served document is written, to copy over the checked-in one. */
    private static final Path SERVED = Path.of("target", "openapi", "openapi.json");

    private static final Set<String> METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private static JsonNode document;

    /** Once; in @BeforeEach because RestAssured knows the port only from the first test on. */
    @BeforeEach
    void fetchDocument() throws IOException {
        if (document == null) {
            document =
                    new ObjectMapper()
                            .readTree(
                                    given().accept("application/json")
                                            .get("/q/openapi?format=json")
                                            .then()
                                            .statusCode(200)
                                            .extract()
                                            .asString());
        }
    }

    @Test
    void the_checked_in_document_is_the_one_served() throws IOException {
        Files.createDirectories(SERVED.getParent());
        Files.writeString(SERVED, document.toPrettyString() + "\n", StandardCharsets.UTF_8);
        JsonNode checkedIn = new ObjectMapper().readTree(CHECKED_IN.toFile());
        assertThat(differences(checkedIn, document))
                .as(
                        "%s differs from what GET /q/openapi serves, so the clients the build"
                                + " generates from it are not the service's. If the API change is"
                                + " meant, review the difference and take it: cp %s %s",
                        CHECKED_IN, SERVED, CHECKED_IN)
                .isEmpty();
    }

    /**
     * The JSON pointers where two documents differ, each with the checked-in value and the served
     * one; at most 20, so that a failure says where rather than printing both documents.
     */
    static List<String> differences(JsonNode checkedIn, JsonNode served) {
        List<String> out = new ArrayList<>();
        differences(checkedIn, served, "", out);
        return out;
    }

    private static void differences(JsonNode was, JsonNode is, String at, List<String> out) {
        if (out.size() >= 20 || was.equals(is)) {
            return;
        }
        if (was.isObject() && is.isObject()) {
            Set<String> names = new java.util.TreeSet<>();
            was.fieldNames().forEachRemaining(names::add);
            is.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                differences(
                        was.path(name),
                        is.path(name),
                        at + "/" + name.replace("~", "~0").replace("/", "~1"),
                        out);
            }
        } else if (was.isArray() && is.isArray() && was.size() == is.size()) {
            for (int i = 0; i < was.size(); i++) {
                differences(was.get(i), is.get(i), at + "/" + i, out);
            }
        } else {
            out.add(at + ": checked in " + shorten(was) + ", served " + shorten(is));
        }
    }

    private static String shorten(JsonNode node) {
        String text = node.isMissingNode() ? "(nothing)" : node.toString();
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }

    @Test
    void it_is_openapi_3_0_which_client_generators_take_without_a_warning() {
        assertThat(document.path("openapi").asText()).startsWith("3.0.");
    }

    @Test
    void every_answer_with_a_body_has_a_schema_and_every_error_is_a_problem() {
        for (Map.Entry<String, JsonNode> op : operations().entrySet()) {
            JsonNode responses = op.getValue().path("responses");
            assertThat(responses.fieldNames())
                    .as("%s answers", op.getKey())
                    .toIterable()
                    .anyMatch(code -> code.startsWith("2"))
                    .contains("400", "default");
            responses
                    .fields()
                    .forEachRemaining(
                            response -> {
                                String code = response.getKey();
                                JsonNode content = response.getValue().path("content");
                                String what = op.getKey() + " " + code;
                                if (code.startsWith("2")) {
                                    // a 202 may only say the work is under way
                                    if (!code.equals("202")) {
                                        assertThat(content.isEmpty())
                                                .as("%s: a body without a schema, or 204", what)
                                                .isEqualTo(code.equals("204"));
                                    }
                                    content.forEach(
                                            media ->
                                                    assertThat(media.path("schema").isEmpty())
                                                            .as("%s: schema", what)
                                                            .isFalse());
                                } else {
                                    assertThat(
                                                    content.path(Problem.MEDIA_TYPE)
                                                            .path("schema")
                                                            .path("$ref")
                                                            .asText())
                                            .as("%s: the problem body", what)
                                            .isEqualTo("#/components/schemas/Problem");
                                }
                            });
        }
        JsonNode problem = document.at("/components/schemas/Problem/properties");
        assertThat(problem.fieldNames())
                .toIterable()
                .containsExactly("type", "title", "status", "detail", "errors");
        assertThat(problem.at("/errors/items/$ref").asText())
                .isEqualTo("#/components/schemas/ProblemError");
        assertThat(document.at("/components/schemas/ProblemError/properties").fieldNames())
                .toIterable()
                .contains("field", "message");
    }

    @Test
    void parameters_have_their_types_and_dates_are_strings_of_format_date() {
        assertThat(parameter("/operators", "get", "limit").path("type").asText())
                .isEqualTo("integer");
        assertThat(parameter("/operators", "get", "tier").path("$ref").asText())
                .isEqualTo("#/components/schemas/Tier");
        assertThat(parameter("/rules/reload", "post", "dryRun").path("type").asText())
                .isEqualTo("boolean");
        assertThat(parameter("/changes", "get", "limit").path("type").asText())
                .isEqualTo("integer");
        JsonNode since = parameter("/changes", "get", "since");
        assertThat(since.path("type").asText() + " " + since.path("format").asText())
                .isEqualTo("string date-time");
        JsonNode asOf = parameter("/classify", "post", "asOf");
        assertThat(asOf.path("type").asText() + " " + asOf.path("format").asText())
                .isEqualTo("string date");
        assertThat(document.at("/components/schemas/Deal/properties/signed/format").asText())
                .isEqualTo("date");
        // A component named after a Java class is renamed by a Java generator (ModelLocalDate)
        assertThat(document.path("components").path("schemas").fieldNames())
                .toIterable()
                .doesNotContain("LocalDate", "Instant", "Object", "List", "Map", "String");
    }

    @Test
    void spreadsheets_are_declared_beside_the_json_and_named_for_what_they_do() {
        JsonNode operators = operations().get("get /operators");
        assertThat(operators.path("operationId").asText()).isEqualTo("listOperators");
        assertThat(operators.at("/responses/200/content").fieldNames())
                .toIterable()
                .containsExactly("application/json", Spreadsheets.MEDIA_TYPE);
        assertThat(
                        operations()
                                .get("get /operators/{ticker}/history")
                                .at("/responses/200/content")
                                .fieldNames())
                .toIterable()
                .containsExactly("application/json", Spreadsheets.MEDIA_TYPE);
        JsonNode changes = operations().get("get /changes");
        assertThat(changes.path("operationId").asText()).isEqualTo("listChanges");
        assertThat(changes.at("/responses/200/content").fieldNames())
                .toIterable()
                .containsExactly("application/json", Spreadsheets.MEDIA_TYPE, "text/markdown");
        assertThat(operations().get("get /deals").at("/responses/200/content").fieldNames())
                .toIterable()
                .containsExactly(Spreadsheets.MEDIA_TYPE);
    }

    /**
     * A Java generator ignores an example on a model's request body with a warning, one per
     * operation; the examples are on the schemas instead (ClientTypesFilter).
     */
    @Test
    void request_bodies_of_json_carry_no_examples_of_their_own() {
        operations()
                .forEach(
                        (name, op) ->
                                assertThat(
                                                op.at("/requestBody/content/application~1json")
                                                        .has("examples"))
                                        .as("%s request body examples", name)
                                        .isFalse());
    }

    private static JsonNode parameter(String path, String method, String name) {
        for (JsonNode p : document.path("paths").path(path).path(method).path("parameters")) {
            if (p.path("name").asText().equals(name)) {
                return p.path("schema");
            }
        }
        throw new AssertionError(method + " " + path + " has no parameter " + name);
    }

    /** Every operation by "method path". */
    private static Map<String, JsonNode> operations() {
        Map<String, JsonNode> ops = new java.util.LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
                paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            List<Map.Entry<String, JsonNode>> methods = new ArrayList<>();
            path.getValue().fields().forEachRemaining(methods::add);
            for (Map.Entry<String, JsonNode> m : methods) {
                if (METHODS.contains(m.getKey())) {
                    ops.put(m.getKey() + " " + path.getKey(), m.getValue());
                }
            }
        }
        assertThat(ops).isNotEmpty();
        return ops;
    }
}
