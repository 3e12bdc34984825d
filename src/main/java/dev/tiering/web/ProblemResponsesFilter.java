package dev.tiering.web;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Gives every error answer of the OpenAPI document its body: {@code application/problem+json} with
 * the {@link Problem} schema, so a generated client reads any error as one type.
 *
 * <p>Resources declare the errors particular to them ({@code @APIResponse(responseCode = "404",
 * description = ...)}), Quarkus the 401 and 403 of operations that need a role; this filter adds
 * what holds for every operation — a 400 (a bad parameter or body; any query parameter given twice)
 * and {@code default} for the rest (408, 413, 429, 500, 503, ...), which no resource method sees —
 * and the problem body to each. It goes by the document, so a new operation needs nothing here.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ProblemResponsesFilter implements OASFilter {
    static final String SCHEMA = "Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : path.getOperations().values()) {
                operation.setResponses(withProblems(operation.getResponses()));
            }
        }
    }

    private static APIResponses withProblems(APIResponses declared) {
        Map<String, APIResponse> byCode = new TreeMap<>(ProblemResponsesFilter::byStatus);
        if (declared != null && declared.getAPIResponses() != null) {
            byCode.putAll(declared.getAPIResponses());
        }
        byCode.putIfAbsent("400", OASFactory.createAPIResponse());
        byCode.putIfAbsent(APIResponses.DEFAULT, OASFactory.createAPIResponse());
        describe(byCode.get("400"), "Bad request: a parameter or the body is wrong", "Bad Request");
        describe(
                byCode.get(APIResponses.DEFAULT),
                "Any other error: 408 (a body that arrives too slowly), 413 (a body over the"
                        + " limit), 429 (sign-ins locked out, with Retry-After), 500, 503 (busy,"
                        + " with Retry-After)",
                null);
        describe(byCode.get("401"), "No credentials, or wrong ones", "Not Authorized");
        describe(byCode.get("403"), "The user lacks the role", "Not Allowed");
        APIResponses responses = OASFactory.createAPIResponses();
        byCode.forEach(
                (code, response) -> {
                    if (isError(code) && response.getRef() == null) {
                        response.setContent(problemContent());
                    }
                    responses.addAPIResponse(code, response);
                });
        return responses;
    }

    /** Sets a description where there is none, or only the generic one of {@code generic}. */
    private static void describe(APIResponse response, String description, String generic) {
        if (response == null) {
            return;
        }
        String now = response.getDescription();
        if (now == null || now.isBlank() || now.equals(generic)) {
            response.setDescription(description);
        }
    }

    private static boolean isError(String code) {
        return code.equals(APIResponses.DEFAULT) || code.startsWith("4") || code.startsWith("5");
    }

    /** Status codes in order, {@code default} last. */
    private static int byStatus(String a, String b) {
        boolean aDefault = a.equals(APIResponses.DEFAULT);
        boolean bDefault = b.equals(APIResponses.DEFAULT);
        if (aDefault || bDefault) {
            return Boolean.compare(aDefault, bDefault);
        }
        return a.compareTo(b);
    }

    private static org.eclipse.microprofile.openapi.models.media.Content problemContent() {
        return OASFactory.createContent()
                .addMediaType(
                        Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(SCHEMA)));
    }
}
