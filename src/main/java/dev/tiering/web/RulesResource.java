package dev.tiering.web;

import dev.tiering.config.RulesConfig;
import dev.tiering.lifecycle.ReloadReport;
import dev.tiering.lifecycle.RuleFolder;
import dev.tiering.lifecycle.RuleLifecycle;
import dev.tiering.lifecycle.RulesView;
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

/** The active rule set, and reloading it on demand. */
@Path("/rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rules")
public class RulesResource {
    private final RuleLifecycle lifecycle;
    private final RuleFolder folder;
    private final RulesConfig config;

    public RulesResource(RuleLifecycle lifecycle, RuleFolder folder, RulesConfig config) {
        this.lifecycle = lifecycle;
        this.folder = folder;
        this.config = config;
    }

    @GET
    @Operation(operationId = "getRules", summary = "The active rule set",
            description = "Version (hash of the rule files), load time, files with their rule names, how many "
                    + "scenarios it passed, the last refused reload (null since the last good one), its thresholds, "
                    + "the rule behind each tier, and the words of the model's codes.")
    public RulesView get() {
        return RulesView.of(lifecycle.active().current(), lifecycle.lastError(), lifecycle.scenariosPassed(),
                config.watch());
    }

    @POST
    @Path("/reload")
    @RolesAllowed("admin")
    @Operation(operationId = "reloadRules", summary = "Recompile the rule folder",
            description = "Compiles the folder, checks every scenario, swaps the new rule set in and reclassifies "
                    + "every stored operator; answers the tier moves. `dryRun=true` answers the moves without "
                    + "activating anything. A refused folder answers 422 with file, line and column, and the active "
                    + "rule set keeps serving.")
    public ReloadReport reload(@QueryParam("dryRun") String dryRun) {
        return lifecycle.reload(folder::read, flag(dryRun));
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
