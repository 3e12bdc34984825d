package dev.tiering.web;

import dev.tiering.codec.Spreadsheets;
import dev.tiering.lifecycle.ArchivedRules;
import dev.tiering.model.Classification;
import dev.tiering.model.Deal;
import dev.tiering.model.InvalidProfileException;
import dev.tiering.model.OperatorProfile;
import dev.tiering.model.ProfileValidator;
import dev.tiering.model.Tier;
import dev.tiering.operators.OperatorService;
import dev.tiering.operators.Timeline;
import dev.tiering.operators.Views.Counts;
import dev.tiering.operators.Views.DealChange;
import dev.tiering.operators.Views.HistoryEntry;
import dev.tiering.operators.Views.OperatorSummary;
import dev.tiering.operators.Views.Stored;
import dev.tiering.operators.Views.StoredOperator;
import dev.tiering.operators.Views.TimelineEntry;
import dev.tiering.operators.WhatIf;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The stored universe of operators, their deals, history and timeline. Writes need the analyst
 * role.
 */
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

    public OperatorResource(
            OperatorService store,
            Timeline timeline,
            ArchivedRules rules,
            ProfileValidator validator,
            SecurityIdentity identity) {
        this.store = store;
        this.timeline = timeline;
        this.rules = rules;
        this.validator = validator;
        this.identity = identity;
    }

    /** The {@code rules} query parameter of the operations that take one. */
    static final String RULES_PARAMETER =
            "An archived rule-set version (GET /rules/versions) to use instead of the active one";

    /** Operators in one page of {@code GET /operators} unless {@code limit} says otherwise. */
    static final int DEFAULT_PAGE = 1000;

    /** The largest page one may ask for. */
    static final int MAX_PAGE = 5000;

    @GET
    @PermitAll
    @Operation(
            operationId = "listOperators",
            summary = "Stored operators with their tier and stage",
            description =
                    "In ticker order, a page at a time: `limit` (default 1000, at most 5000) after"
                        + " the ticker `after`; a `Link` header with `rel=\"next\"` names the next"
                        + " page while there is one. `tier=TIER_2` filters. With `Accept:"
                        + " text/csv`, every operator (of `tier`) as a spreadsheet, one row per"
                        + " operator, header first: "
                        + "ticker,name,tier,stage,fullStack,bindingBacklogUsd,"
                        + "establishedBacklogUsd,northAmericaAiMw,largestCounterpartyShare,densityUsdPerMwYear,conversionUpsideUsdPerYear,risks,ruleSetVersion"
                        + " (risks joined by ;). RFC 4180; numbers plain; a cell a spreadsheet"
                        + " would run as a formula starts with '.")
    @APIResponse(
            responseCode = "200",
            description = "A page of operators, or all of them as a spreadsheet",
            headers =
                    @Header(
                            name = "Link",
                            description =
                                    "`</operators?after=...&limit=...>; rel=\"next\"` while"
                                            + " there is a next page (JSON only)",
                            schema = @Schema(type = SchemaType.STRING)),
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema =
                                @Schema(
                                        type = SchemaType.ARRAY,
                                        implementation = OperatorSummary.class)),
                @Content(
                        mediaType = Spreadsheets.MEDIA_TYPE,
                        schema = @Schema(type = SchemaType.STRING, format = "binary"))
            })
    public Response list(
            @Parameter(
                            description = "Only operators of this tier",
                            schema = @Schema(implementation = Tier.class))
                    @QueryParam("tier")
                    String tier,
            @Parameter(description = "The page after this ticker (the `Link` header names it)")
                    @QueryParam("after")
                    String after,
            @Parameter(
                            description = "Operators in the page",
                            schema =
                                    @Schema(
                                            type = SchemaType.INTEGER,
                                            format = "int32",
                                            minimum = "1",
                                            maximum = "" + MAX_PAGE,
                                            defaultValue = "" + DEFAULT_PAGE))
                    @QueryParam("limit")
                    String limit) {
        Tier t = parseTier(tier);
        int n = QueryParams.limit(limit, DEFAULT_PAGE, MAX_PAGE);
        OperatorService.Page<OperatorSummary> page = store.list(t, after, n);
        Response.ResponseBuilder answer = Response.ok(page.items(), MediaType.APPLICATION_JSON);
        if (page.next() != null) {
            StringBuilder next =
                    new StringBuilder("/operators?after=")
                            .append(encode(page.next()))
                            .append("&limit=")
                            .append(n);
            if (t != null) {
                next.append("&tier=").append(t.name());
            }
            answer.header("Link", "<" + next + ">; rel=\"next\"");
        }
        return answer.build();
    }

    @GET
    @Path("/counts")
    @PermitAll
    @Operation(
            operationId = "countOperators",
            summary = "How many operators are stored, in all and per tier",
            description =
                    "`total`, `byTier` (every tier, 0 for an empty one) and `updatedAt`, the latest"
                        + " write of any stored operator (null for an empty store); `version` and"
                        + " `versionByTier` are opaque change markers: `version` changes with every"
                        + " write and delete, a tier's marker with every one that adds, removes or"
                        + " rewrites an operator of that tier. Cheap at any store size (one pass"
                        + " over an index, no documents): what a client polls to know whether to"
                        + " read `GET /operators` again.")
    public Counts counts() {
        return store.counts();
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    @GET
    @PermitAll
    @Produces(Spreadsheets.PRODUCES_BESIDE_JSON)
    // The spreadsheet form of listOperators (Accept: text/csv): one operation of the document
    @Operation(hidden = true)
    public Response exportCsv(@QueryParam("tier") String tier) {
        Tier t = parseTier(tier);
        return csv(
                (jakarta.ws.rs.core.StreamingOutput)
                        out -> {
                            try (Spreadsheets.Sheet sheet = OperatorSheets.operators(out)) {
                                store.forEachPage(
                                        t,
                                        page -> {
                                            try {
                                                OperatorSheets.operators(sheet, page);
                                            } catch (java.io.IOException e) {
                                                throw new java.io.UncheckedIOException(e);
                                            }
                                        });
                            }
                        },
                "operators.csv");
    }

    @GET
    @Path("/{ticker}")
    @PermitAll
    @Operation(
            operationId = "getOperator",
            summary = "An operator's profile and current classification")
    @APIResponse(responseCode = "200", description = "The stored profile and its classification")
    @APIResponse(responseCode = "404", description = "No operator with that ticker")
    public StoredOperator get(@PathParam("ticker") String ticker) {
        return store.require(ticker);
    }

    @PUT
    @Path("/{ticker}")
    @RolesAllowed("analyst")
    @Operation(
            operationId = "putOperator",
            summary = "Create (201) or replace (200) a profile; answers its classification")
    @APIResponse(
            responseCode = "200",
            description = "Replaced; its classification",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Classification.class)))
    @APIResponse(
            responseCode = "201",
            description = "Created; its classification",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Classification.class)))
    public Response put(@PathParam("ticker") String ticker, OperatorProfile profile) {
        validator.check(profile, "");
        if (!ticker.equals(profile.ticker())) {
            throw new InvalidProfileException(
                    "ticker", "must match the path ticker '" + ticker + "'");
        }
        Stored stored = store.put(profile, user());
        return Response.status(stored.created() ? 201 : 200)
                .entity(stored.classification())
                .build();
    }

    @DELETE
    @Path("/{ticker}")
    @RolesAllowed("analyst")
    // The 204 has no body, so a client that accepts only the problem+json of an error (as a
    // generated client does) is served, not refused with a 406
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "deleteOperator", summary = "Remove an operator and its history")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No operator with that ticker")
    public Response delete(@PathParam("ticker") String ticker) {
        if (!store.delete(ticker, user())) {
            throw OperatorService.unknown(ticker);
        }
        return Response.noContent().build();
    }

    @POST
    @Path("/{ticker}/deals")
    @RolesAllowed("analyst")
    @Operation(
            operationId = "addDeal",
            summary = "Add a deal and reclassify; answers before, after and tierChanged",
            description =
                    "201 once the deal is stored. The same deal again (same id, same fields: a"
                            + " retry) stores nothing and answers 200 with the stored"
                            + " classification as before and after; another deal under an id the"
                            + " operator has is a 409.")
    @APIResponse(
            responseCode = "201",
            description = "Added; the classification before and after",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DealChange.class)))
    @APIResponse(
            responseCode = "200",
            description = "The same deal was stored already; nothing written",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DealChange.class)))
    @APIResponse(responseCode = "404", description = "No operator with that ticker")
    @APIResponse(responseCode = "409", description = "The operator has another deal with that id")
    public Response addDeal(@PathParam("ticker") String ticker, Deal deal) {
        validator.checkDeal(deal, "");
        OperatorService.DealAdded added = store.addDeal(ticker, deal, user());
        return Response.status(added.added() ? 201 : 200).entity(added.change()).build();
    }

    @PUT
    @Path("/{ticker}/deals/{id}")
    @RolesAllowed("analyst")
    @Operation(
            operationId = "amendDeal",
            summary =
                    "Amend a deal (an LOI turned binding, a new value, an end date) and reclassify")
    @APIResponse(responseCode = "200", description = "Amended; the classification before and after")
    @APIResponse(
            responseCode = "404",
            description = "No operator with that ticker, or it has no deal with that id")
    public DealChange amendDeal(
            @PathParam("ticker") String ticker, @PathParam("id") String id, Deal deal) {
        validator.checkDeal(deal, "");
        if (!id.equals(deal.id())) {
            throw new InvalidProfileException("id", "must match the path deal id '" + id + "'");
        }
        return store.amendDeal(ticker, id, deal, user());
    }

    @DELETE
    @Path("/{ticker}/deals/{id}")
    @RolesAllowed("analyst")
    @Operation(
            operationId = "removeDeal",
            summary = "Remove a deal entered by mistake and reclassify")
    @APIResponse(responseCode = "200", description = "Removed; the classification before and after")
    @APIResponse(
            responseCode = "404",
            description = "No operator with that ticker, or it has no deal with that id")
    public DealChange removeDeal(@PathParam("ticker") String ticker, @PathParam("id") String id) {
        return store.removeDeal(ticker, id, user());
    }

    @POST
    @Path("/{ticker}/what-if")
    @PermitAll
    @Operation(
            operationId = "whatIf",
            summary = "What the operator would be with other deals; stores nothing",
            description =
                    "`addDeals`, `amendDeals` (by id) and `removeDeals` (ids) applied to the stored"
                        + " operator, classified by the active rules (as of `asOf`, else today):"
                        + " before, after (each with its gaps) and whether the tier moved. A bad"
                        + " deal or an unknown id is a 400 naming it.")
    @APIResponse(
            responseCode = "200",
            description = "The classification before and after; nothing is stored")
    @APIResponse(responseCode = "404", description = "No operator with that ticker")
    public DealChange whatIf(@PathParam("ticker") String ticker, WhatIf change) {
        if (change == null) {
            throw new InvalidRequestException(
                    "$", "must be a JSON object with addDeals, amendDeals or removeDeals");
        }
        return store.whatIf(ticker, change);
    }

    @GET
    @Path("/{ticker}/deals/{id}")
    @PermitAll
    @Operation(operationId = "getDeal", summary = "One deal of an operator")
    @APIResponse(responseCode = "200", description = "The deal")
    @APIResponse(
            responseCode = "404",
            description = "No operator with that ticker, or it has no deal with that id")
    public Deal deal(@PathParam("ticker") String ticker, @PathParam("id") String id) {
        return store.deal(ticker, id);
    }

    @GET
    @Path("/{ticker}/history")
    @PermitAll
    @Operation(
            operationId = "getOperatorHistory",
            summary = "Every change of the operator's classification, newest first",
            description =
                    "An entry where the tier, stage, full stack or set of risks changed (and the"
                            + " first classification), with its cause, the rule-set version (it"
                            + " resolves in GET /rules/versions) and who made it. With `Accept:"
                            + " text/csv`, a spreadsheet:"
                            + " at,tier,stage,fullStack,risks,ruleSetVersion,cause,detail,by.")
    @APIResponse(
            responseCode = "200",
            description = "The history, or the same as a spreadsheet",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema =
                                @Schema(
                                        type = SchemaType.ARRAY,
                                        implementation = HistoryEntry.class)),
                @Content(
                        mediaType = Spreadsheets.MEDIA_TYPE,
                        schema = @Schema(type = SchemaType.STRING, format = "binary"))
            })
    @APIResponse(responseCode = "404", description = "No operator with that ticker")
    public List<HistoryEntry> history(@PathParam("ticker") String ticker) {
        return store.history(ticker);
    }

    @GET
    @Path("/{ticker}/history")
    @PermitAll
    @Produces(Spreadsheets.PRODUCES_BESIDE_JSON)
    // The spreadsheet form of getOperatorHistory (Accept: text/csv): one operation of the document
    @Operation(hidden = true)
    public Response historyCsv(@PathParam("ticker") String ticker) {
        return csv(OperatorSheets.history(store.history(ticker)), ticker + "-history.csv");
    }

    /** A CSV answer that a browser saves under {@code name}. */
    static Response csv(Object body, String name) {
        return Response.ok(body, Spreadsheets.MEDIA_TYPE + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .build();
    }

    @GET
    @Path("/{ticker}/timeline")
    @PermitAll
    @Operation(
            operationId = "getOperatorTimeline",
            summary = "Tier and stage on every date a deal was signed or ended, oldest first",
            description =
                    "Under the active rules, or under an archived rule-set version with `rules`.")
    @APIResponse(responseCode = "200", description = "Tier and stage on each date, oldest first")
    @APIResponse(
            responseCode = "404",
            description = "No operator with that ticker, or no rule-set version `rules`")
    public List<TimelineEntry> timeline(
            @PathParam("ticker") String ticker,
            @Parameter(description = RULES_PARAMETER) @QueryParam("rules") String version) {
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
            throw new InvalidRequestException(
                    "tier",
                    "unknown value '"
                            + tier
                            + "'; must be one of TIER_1, TIER_2,"
                            + " TIER_3, UNTIERED");
        }
    }
}
