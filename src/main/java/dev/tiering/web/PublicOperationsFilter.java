package dev.tiering.web;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;

/**
 * Marks the public operations of the OpenAPI document with {@code security: []}.
 *
 * <p>Quarkus already gives every operation that needs a role ({@code @RolesAllowed},
 * {@code @Authenticated}, {@code @PermissionsAllowed}) the HTTP Basic requirement
 * (quarkus.smallrye-openapi.security-scheme and auto-add-security-requirement). The others
 * ({@code @PermitAll} or no role annotation) are public, but get no {@code security} at all, which
 * reads as "not said" to a linter or a client generator. This filter says it: an empty list, "no
 * credentials needed". It runs once at build time, after Quarkus' own filters.
 *
 * <p>It goes by the document, not by the annotations, so it needs no change when resources move or
 * are added; OpenApiLintTest checks that every operation it marks public really answers an
 * anonymous caller.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class PublicOperationsFilter implements OASFilter {

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getSecurity() == null) {
            operation.setSecurity(new ArrayList<>());
        }
        return operation;
    }
}
