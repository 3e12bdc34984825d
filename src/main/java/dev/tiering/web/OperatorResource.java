package dev.tiering.web;
import dev.tiering.store.Timeline;
import dev.tiering.store.OperatorService;

import dev.tiering.web.OpenApiExamples;
import dev.tiering.model.Classification;
import dev.tiering.model.Tier;
import dev.tiering.store.Views.DealChange;
import dev.tiering.store.Views.HistoryEntry;
import dev.tiering.store.Views.OperatorSummary;
import dev.tiering.store.Views.Stored;
import dev.tiering.store.Views.StoredOperator;
import dev.tiering.store.Views.TimelineEntry;
import dev.tiering.model.Deal;
import dev.tiering.model.InvalidProfileException;
import dev.tiering.model.OperatorProfile;
import dev.tiering.model.ProfileValidator;
import dev.tiering.lifecycle.ArchivedRules;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The stored universe of operators, their deals, history and timeline. Writes need the analyst role. */
@Path("/operators")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operators", description = "The stored operators, their deals, history and timeline")
public class OperatorResource {
    private final OperatorService store;
    private final Timeline timeline;
    private final ArchivedRules rules;
    private final ProfileValidator validator;
    private final SecurityIdentity identity;

    public OperatorResource(OperatorService store, Timeline timeline, ArchivedRules rules,
            ProfileValidator validator, SecurityIdentity identity) {
        this.store = store;
        this.timeline = timeline;
        this.rules = rules;
        this.validator = validator;
        this.identity = identity;
    }

    @GET
    @PermitAll
    @Operation(operationId = "listOperators", summary = "Stored operators with their tier and stage; ?tier=TIER_2 filters")
    public List<OperatorSummary> list(@QueryParam("tier") String tier) {
        return store.list(parseTier(tier));
    }

    @GET
    @Path("/{ticker}")
    @PermitAll
    @Operation(operationId = "getOperator", summary = "An operator's profile and current classification")
    public StoredOperator get(@PathParam("ticker") String ticker) {
        return store.require(ticker);
    }

    @PUT
    @Path("/{ticker}")
    @RolesAllowed("analyst")
    @Operation(operationId = "putOperator", summary = "Create (201) or replace (200) a profile; answers its classification")
    public Response put(@PathParam("ticker") String ticker,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OperatorProfile.class),
                    examples = @ExampleObject(name = "IREN", value = OpenApiExamples.IREN))) OperatorProfile profile) {
        validator.check(profile, "");
        if (!ticker.equals(profile.ticker())) {
            throw new InvalidProfileException("ticker", "must match the path ticker '" + ticker + "'");
        }
        Stored stored = store.put(profile, user());
        return Response.status(stored.created() ? 201 : 200).entity(stored.classification()).build();
    }

    @DELETE
    @Path("/{ticker}")
    @RolesAllowed("analyst")
    @Operation(operationId = "deleteOperator", summary = "Remove an operator and its history")
    public Response delete(@PathParam("ticker") String ticker) {
        if (!store.delete(ticker)) {
            throw OperatorService.unknown(ticker);
        }
        return Response.noContent().build();
    }

    @POST
    @Path("/{ticker}/deals")
    @RolesAllowed("analyst")
    @Operation(operationId = "addDeal", summary = "Add a deal and reclassify; answers before, after and tierChanged")
    public Response addDeal(@PathParam("ticker") String ticker,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Deal.class),
                    examples = @ExampleObject(name = "hyperscaler", value = OpenApiExamples.DEAL))) Deal deal) {
        validator.checkDeal(deal, "");
        DealChange change = store.addDeal(ticker, deal, user());
        return Response.status(201).entity(change).build();
    }

    @PUT
    @Path("/{ticker}/deals/{id}")
    @RolesAllowed("analyst")
    @Operation(operationId = "amendDeal", summary = "Amend a deal (an LOI turned binding, a new value, an end date) and reclassify")
    public DealChange amendDeal(@PathParam("ticker") String ticker, @PathParam("id") String id, Deal deal) {
        validator.checkDeal(deal, "");
        if (!id.equals(deal.id())) {
            throw new InvalidProfileException("id", "must match the path deal id '" + id + "'");
        }
        return store.amendDeal(ticker, id, deal, user());
    }

    @DELETE
    @Path("/{ticker}/deals/{id}")
    @RolesAllowed("analyst")
    @Operation(operationId = "removeDeal", summary = "Remove a deal entered by mistake and reclassify")
    public DealChange removeDeal(@PathParam("ticker") String ticker, @PathParam("id") String id) {
        return store.removeDeal(ticker, id, user());
    }

    @GET
    @Path("/{ticker}/deals/{id}")
    @PermitAll
    @Operation(operationId = "getDeal", summary = "One deal of an operator")
    public Deal deal(@PathParam("ticker") String ticker, @PathParam("id") String id) {
        return store.deal(ticker, id);
    }

    @GET
    @Path("/{ticker}/history")
    @PermitAll
    @Operation(operationId = "getOperatorHistory", summary = "Every change of the operator's classification, newest first",
            description = "An entry where the tier, stage, full stack or set of risks changed (and the first "
                    + "classification), with its cause, the rule-set version (it resolves in GET /rules/versions) "
                    + "and who made it.")
    public List<HistoryEntry> history(@PathParam("ticker") String ticker) {
        return store.history(ticker);
    }

    @GET
    @Path("/{ticker}/timeline")
    @PermitAll
    @Operation(operationId = "getOperatorTimeline",
            summary = "Tier and stage on every date a deal was signed or ended, oldest first",
            description = "Under the active rules, or under an archived rule-set version with `rules`.")
    public List<TimelineEntry> timeline(@PathParam("ticker") String ticker, @QueryParam("rules") String version) {
        return timeline.of(ticker, rules.get(version));
    }

    private String user() {
        return identity.getPrincipal().getName();
    }

    private static Tier parseTier(String tier) {
        if (tier == null || tier.isBlank()) {
            return null;
        }
        try {
            return Tier.valueOf(tier.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidProfileException("tier", "unknown value '" + tier + "'; must be one of TIER_1, TIER_2,"
                    + " TIER_3, UNTIERED");
        }
    }
}
