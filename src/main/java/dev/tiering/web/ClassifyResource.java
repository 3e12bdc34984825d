package dev.tiering.web;

import dev.tiering.config.ClassifyConfig;
import dev.tiering.engine.Classifier;
import dev.tiering.engine.RuleSet;
import dev.tiering.lifecycle.ArchivedRules;
import dev.tiering.model.Classification;
import dev.tiering.model.OperatorProfile;
import dev.tiering.model.ProfileValidator;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Classifies submitted profiles without storing anything, with the active rule set or an archived
 * one. A single profile is classified on the I/O thread that read its body (RESTEasy reads it whole
 * there: {@code quarkus.rest.input-buffer-size}, and {@link BodyLimit} has already buffered it), a
 * batch on every core.
 */
@Path("/classify")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "classify", description = "Classify profiles without storing them")
public class ClassifyResource {
    private final Classifier classifier;
    private final ArchivedRules rules;
    private final ProfileValidator validator;
    private final ClassifyConfig config;
    private final BatchAnswers batches;

    public ClassifyResource(
            Classifier classifier,
            ArchivedRules rules,
            ProfileValidator validator,
            ClassifyConfig config,
            BatchAnswers batches) {
        this.batches = batches;
        this.classifier = classifier;
        this.rules = rules;
        this.validator = validator;
        this.config = config;
    }

    @POST
    @Operation(
            operationId = "classifyProfile",
            summary = "Classify one operator profile",
            description =
                    "Tier, stage, full stack, risks, gaps and the reasons, with the rule-set"
                        + " version. `asOf` counts only deals signed by that date and not ended by"
                        + " it; `rules` classifies with an archived rule-set version (GET"
                        + " /rules/versions) instead of the active one.")
    @APIResponse(
            responseCode = "200",
            description = "The classification, with its reasons and gaps")
    @APIResponse(responseCode = "404", description = "No rule-set version `rules`")
    public Uni<Classification> classify(
            OperatorProfile profile,
            @Parameter(
                            description = Dates.AS_OF,
                            schema = @Schema(type = SchemaType.STRING, format = "date"))
                    @QueryParam("asOf")
                    String asOf,
            @Parameter(description = OperatorResource.RULES_PARAMETER) @QueryParam("rules")
                    String version) {
        validator.check(profile, "");
        LocalDate date = Dates.parseAsOf(asOf);
        if ((version == null || version.isBlank()) && small(profile)) {
            // On the I/O thread that read the body: the engine takes about as long as handing the
            // request to a worker and back would (BENCHMARKS.md).
            return Uni.createFrom().item(classifier.classify(rules.get(null), profile, date));
        }
        // An archived version may have to be compiled first (seconds), and a profile of hundreds of
        // deals takes milliseconds: a worker thread, not the I/O thread other connections share.
        return Uni.createFrom()
                .item(() -> classifier.classify(rules.get(version), profile, date))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Sites and deals together a profile classified on the I/O thread may have, at most. */
    static final int SMALL = 64;

    private static boolean small(OperatorProfile profile) {
        return profile.sites().size() + profile.deals().size() <= SMALL;
    }

    @POST
    @Path("/batch")
    @Operation(
            operationId = "classifyBatch",
            summary = "Classify up to 1000 profiles",
            description =
                    "Answers in the order of the request, all with one rule set; takes `asOf` and"
                            + " `rules`.")
    @APIResponse(
            responseCode = "200",
            description = "One classification per profile, in the request's order",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema =
                                    @Schema(
                                            type = SchemaType.ARRAY,
                                            implementation = Classification.class)))
    @APIResponse(responseCode = "404", description = "No rule-set version `rules`")
    public StreamingOutput classifyBatch(
            List<OperatorProfile> profiles,
            @Parameter(
                            description = Dates.AS_OF,
                            schema = @Schema(type = SchemaType.STRING, format = "date"))
                    @QueryParam("asOf")
                    String asOf,
            @Parameter(description = OperatorResource.RULES_PARAMETER) @QueryParam("rules")
                    String version) {
        if (profiles == null) {
            throw new InvalidRequestException("$", "must be a JSON array of profiles");
        }
        if (profiles.size() > config.maxBatch()) {
            throw new InvalidRequestException(
                    "$",
                    "at most " + config.maxBatch() + " profiles per batch, got " + profiles.size());
        }
        validator.checkAll(profiles);
        RuleSet ruleSet = rules.get(version);
        LocalDate date = Dates.parseAsOf(asOf);
        return batches.answer(profiles, p -> classifier.classify(ruleSet, p, date));
    }
}
