package dev.tiering.web;
import dev.tiering.lifecycle.RulesView;
import dev.tiering.lifecycle.ReloadReport;
import dev.tiering.lifecycle.RuleLifecycle;

import dev.tiering.model.InvalidProfileException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The live rule set, and reloading it on demand. */
@Path("/rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rules")
public class RulesResource {
    private final RuleLifecycle lifecycle;

    public RulesResource(RuleLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @GET
    @Operation(summary = "The live rule set",
            description = "Version (hash of the rule files), load time, files with their rule names, how many "
                    + "scenarios it passed, and the last refused reload (null since the last good one).")
    public RulesView get() {
        return lifecycle.view();
    }

    @POST
    @Path("/reload")
    @RolesAllowed("admin")
    @Operation(summary = "Recompile the rule folder",
            description = "Compiles the folder, checks every scenario, swaps the new rule set in and reclassifies "
                    + "every stored operator; answers the tier moves. `dryRun=true` answers the moves without "
                    + "activating anything. A refused folder answers 422 with file, line and column, and the live "
                    + "rule set keeps serving.")
    public ReloadReport reload(@QueryParam("dryRun") String dryRun) {
        return lifecycle.reload(flag(dryRun));
    }

    private static boolean flag(String value) {
        if (value == null || value.isEmpty() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new InvalidProfileException("dryRun", "must be true or false");
    }
}
