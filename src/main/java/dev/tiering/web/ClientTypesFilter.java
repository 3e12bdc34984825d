package dev.tiering.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Shapes the schemas of the OpenAPI document so that client generators (openapi-generator,
 * openapi-typescript) make plain, typed code of them without a warning:
 *
 * <ul>
 *   <li>Dates and instants are {@code type: string} with {@code format: date} or {@code date-time}
 *       where they are used, not components named {@code LocalDate} and {@code Instant}: a Java
 *       generator would make classes of those ({@code ModelLocalDate}) rather than use {@code
 *       java.time}.
 *   <li>The request examples (Swagger UI shows them) are on the body's schema, not on the request
 *       body, where a Java generator ignores them with a warning for every operation.
 * </ul>
 *
 * OpenApiDocumentTest checks the document for both.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ClientTypesFilter implements OASFilter {
    private static final String COMPONENTS = "#/components/schemas/";

    /** Components Java types become, and the plain schema each stands for. */
    private static final Map<String, String> DATE_FORMATS =
            Map.of("LocalDate", "date", "Instant", "date-time");

    /** Examples of request bodies, by the schema they are examples of. */
    private static final Map<String, String> EXAMPLES =
            Map.of(
                    "OperatorProfile", OpenApiExamples.IREN,
                    "Deal", OpenApiExamples.DEAL,
                    "WhatIf", OpenApiExamples.WHAT_IF);

    @Override
    public Schema filterSchema(Schema schema) {
        String ref = schema.getRef();
        if (ref != null && ref.startsWith(COMPONENTS)) {
            String format = DATE_FORMATS.get(ref.substring(COMPONENTS.length()));
            if (format != null) {
                schema.setRef(null);
                schema.setType(List.of(Schema.SchemaType.STRING));
                schema.setFormat(format);
            }
        }
        return schema;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() != null && openAPI.getComponents().getSchemas() != null) {
            Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
            DATE_FORMATS.keySet().forEach(openAPI.getComponents()::removeSchema);
            EXAMPLES.forEach(
                    (name, example) -> {
                        if (schemas.containsKey(name)) {
                            schemas.get(name).setExample(parse(example));
                        }
                    });
        }
    }

    private static Object parse(String json) {
        try {
            return new ObjectMapper().readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an example of OpenApiExamples is not JSON", e);
        }
    }
}
