package dev.tiering.web;

import dev.tiering.config.RulesConfig;
import dev.tiering.lifecycle.ArchivePort;
import dev.tiering.lifecycle.ReloadReport;
import dev.tiering.lifecycle.RuleFolder;
import dev.tiering.lifecycle.RuleLifecycle;
import dev.tiering.lifecycle.RulesView;
import dev.tiering.lifecycle.UnknownVersionException;
import dev.tiering.operators.RuleVersions;
import dev.tiering.operators.RuleVersions.VersionDetail;
import dev.tiering.operators.RuleVersions.VersionDiff;
import dev.tiering.operators.RuleVersions.VersionSummary;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The active rule set, reloading it, and the archive of every version that was ever active. */
@Path("/rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "rules",
        description = "The rule set: what is active, reloading, the archive of versions, rollback")
public class RulesResource {
    private static final String REFUSED =
            "Refused: a file does not compile or a scenario fails; `errors` name file, line and"
                    + " column, and the active rule set keeps serving";

    private final RuleLifecycle lifecycle;
    private final RuleFolder folder;
    private final RulesConfig config;
    private final RuleVersions versions;
    private final ArchivePort archive;
    private final SecurityIdentity identity;

    public RulesResource(
            RuleLifecycle lifecycle,
            RuleFolder folder,
            RulesConfig config,
            RuleVersions versions,
            ArchivePort archive,
            SecurityIdentity identity) {
        this.lifecycle = lifecycle;
        this.folder = folder;
        this.config = config;
        this.versions = versions;
        this.archive = archive;
        this.identity = identity;
    }

    @GET
    @PermitAll
    @Operation(
            operationId = "getRules",
            summary = "The active rule set",
            description =
                    "Version (hash of the rule files), load time, files with their rule names, how"
                        + " many scenarios it passed, the last refused reload (null since the last"
                        + " good one), its thresholds, the rule behind each tier, the words of the"
                        + " model's codes, and whether the rule folder holds another version than"
                        + " the active one (after a rollback, until the folder changes).")
    public RulesView get() {
        return RulesView.of(
                lifecycle.active().current(),
                lifecycle.lastError(),
                lifecycle.scenariosPassed(),
                config.watch(),
                folder.versionOrNull());
    }

    @POST
    @Path("/reload")
    @RolesAllowed("admin")
    @Operation(
            operationId = "reloadRules",
            summary = "Recompile the rule folder",
            description =
                    "Compiles the folder, checks every scenario, swaps the new rule set in and"
                        + " reclassifies every stored operator; answers the tier moves and the"
                        + " backtest (`timelineChanges`). `dryRun=true` answers the same without"
                        + " activating anything. A refused folder answers 422 with file, line and"
                        + " column, and the active rule set keeps serving.")
    @APIResponse(
            responseCode = "200",
            description =
                    "Activated (or, with dryRun, what would be): the tier moves and the backtest")
    @APIResponse(responseCode = "422", description = REFUSED)
    public ReloadReport reload(
            @Parameter(
                            description = "Answer what a reload would do, without activating it",
                            schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
                    @QueryParam("dryRun")
                    String dryRun) {
        return lifecycle.reload(folder::read, flag(dryRun), identity.getPrincipal().getName());
    }

    @GET
    @Path("/versions")
    @PermitAll
    @Operation(
            operationId = "listRuleVersions",
            summary = "Every rule set that was ever active, newest first",
            description =
                    "One entry per activation: at start, by reload, by the watcher, by rollback.")
    public List<VersionSummary> versions() {
        return versions.list();
    }

    @GET
    @Path("/versions/{version}")
    @PermitAll
    @Operation(
            operationId = "getRuleVersion",
            summary = "One archived rule set with the text of its files and scenarios")
    @APIResponse(responseCode = "200", description = "The version with its files and scenarios")
    @APIResponse(responseCode = "404", description = "No rule-set version with that id")
    public VersionDetail version(@PathParam("version") String version) {
        return versions.get(version);
    }

    @GET
    @Path("/versions/{version}/diff")
    @PermitAll
    @Operation(
            operationId = "diffRuleVersions",
            summary = "What a version does differently from another",
            description =
                    "A unified diff of each file that differs, and which stored operators the two"
                            + " versions classify differently today.")
    @APIResponse(responseCode = "200", description = "The diff of each file, and who moves")
    @APIResponse(responseCode = "404", description = "No rule-set version with either id")
    public VersionDiff diff(
            @PathParam("version") String version,
            @Parameter(description = "The version to compare with", required = true)
                    @QueryParam("against")
                    String against) {
        if (against == null || against.isBlank()) {
            throw new InvalidRequestException("against", "required: the version to compare with");
        }
        return versions.diff(version, against);
    }

    @POST
    @Path("/versions/{version}/activate")
    @RolesAllowed("admin")
    @Operation(
            operationId = "activateRuleVersion",
            summary = "Make an archived rule set active again (a rollback)",
            description =
                    "Through the same scenario gate and reclassification as a reload; answers as a"
                            + " reload. The rule folder's next change goes live as usual.")
    @APIResponse(
            responseCode = "200",
            description = "Active again: the tier moves, as a reload answers")
    @APIResponse(responseCode = "404", description = "No rule-set version with that id")
    @APIResponse(responseCode = "422", description = REFUSED)
    public ReloadReport activate(@PathParam("version") String version) {
        return lifecycle.reload(
                () ->
                        archive.sources(version)
                                .orElseThrow(() -> new UnknownVersionException(version)),
                false,
                identity.getPrincipal().getName());
    }

    private static boolean flag(String value) {
        if (value == null || value.isEmpty() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new InvalidRequestException("dryRun", "must be true or false");
    }
}
