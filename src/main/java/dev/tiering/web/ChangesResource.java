package dev.tiering.web;

import dev.tiering.codec.Spreadsheets;
import dev.tiering.operators.ChangeViews.ChangeView;
import dev.tiering.operators.ChangeViews.FeedPage;
import dev.tiering.operators.Changes;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The change feed: every change of a stored classification, oldest first, a page at a time. */
@Path("/changes")
@Tag(name = "changes", description = "Tier-change events: the feed and its digest")
public class ChangesResource {
    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;

    /** The board's panel: events of {@code GET /changes/latest} unless {@code limit} says. */
    static final int LATEST_DEFAULT = 20;

    static final int LATEST_MAX = 100;

    /** The Markdown digest, offered beside JSON (which stays the default). */
    static final String MARKDOWN = "text/markdown";

    private final Changes changes;

    public ChangesResource(Changes changes) {
        this.changes = changes;
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "listChanges",
            summary = "Changes of stored classifications, oldest first",
            description =
                    "Each event: `id`, `cursor`, `time`, `ticker`, `cause` (PROFILE, DEAL, RULES,"
                        + " DATE, DELETE), `by`, `ruleSetVersion`, `before` and `after` ({tier,"
                        + " stage, fullStack, risks}; `before` null for a new operator, `after` for"
                        + " a deleted one) and `reason`, what moved it. `after` is a cursor (the"
                        + " last event's `cursor` of the page before), `limit` at most 1000"
                        + " (default 100), `since` an ISO instant; a `Link` header with"
                        + " `rel=\"next\"` while there is more. `Accept: text/csv` for a"
                        + " spreadsheet, one row per event, header first:"
                        + " id,cursor,time,ticker,cause,by,ruleSetVersion,beforeTier,beforeStage,"
                        + "beforeFullStack,beforeRisks,afterTier,afterStage,afterFullStack,afterRisks,reason;"
                        + " `Accept: text/markdown` for a digest, the moves grouped by the tier"
                        + " they went to, one line each with its reason.")
    @APIResponse(
            responseCode = "200",
            description = "A page of events, or the same as a spreadsheet or a Markdown digest",
            headers =
                    @Header(
                            name = "Link",
                            description =
                                    "`</changes?after=...&limit=...>; rel=\"next\"` while there is"
                                            + " more",
                            schema = @Schema(type = SchemaType.STRING)),
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema =
                                @Schema(
                                        type = SchemaType.ARRAY,
                                        implementation = ChangeView.class)),
                @Content(
                        mediaType = Spreadsheets.MEDIA_TYPE,
                        schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(mediaType = MARKDOWN, schema = @Schema(type = SchemaType.STRING))
            })
    public Response list(
            @Parameter(
                            description =
                                    "The page after this cursor (an event's `cursor`; the `Link`"
                                            + " header names it); none or 0 from the first event")
                    @QueryParam("after")
                    String after,
            @Parameter(
                            description = "Events in the page",
                            schema =
                                    @Schema(
                                            type = SchemaType.INTEGER,
                                            format = "int32",
                                            minimum = "1",
                                            maximum = "" + MAX_PAGE,
                                            defaultValue = "" + DEFAULT_PAGE))
                    @QueryParam("limit")
                    String limit,
            @Parameter(
                            description = "Only events at or after this instant",
                            schema = @Schema(type = SchemaType.STRING, format = "date-time"))
                    @QueryParam("since")
                    String since) {
        return page(after, limit, since, MediaType.APPLICATION_JSON, p -> p.items());
    }

    @GET
    @PermitAll
    @Produces(Spreadsheets.PRODUCES_BESIDE_JSON)
    // The spreadsheet form of listChanges (Accept: text/csv): one operation of the document
    @Operation(hidden = true)
    public Response csv(
            @QueryParam("after") String after,
            @QueryParam("limit") String limit,
            @QueryParam("since") String since) {
        return page(
                after,
                limit,
                since,
                Spreadsheets.MEDIA_TYPE + "; charset=UTF-8",
                p -> ChangeSheets.csv(p.items()));
    }

    @GET
    @PermitAll
    @Produces(MARKDOWN + ";qs=0.4")
    // The digest form of listChanges (Accept: text/markdown): one operation of the document
    @Operation(hidden = true)
    public Response markdown(
            @QueryParam("after") String after,
            @QueryParam("limit") String limit,
            @QueryParam("since") String since) {
        return page(
                after,
                limit,
                since,
                MARKDOWN + "; charset=UTF-8",
                p -> ChangeSheets.markdown(p.items()));
    }

    private Response page(
            String after,
            String limit,
            String since,
            String type,
            java.util.function.Function<FeedPage, Object> body) {
        long from = cursor(after);
        int n = QueryParams.limit(limit, DEFAULT_PAGE, MAX_PAGE);
        Instant at = since(since);
        FeedPage page = changes.page(from, at, n);
        Response.ResponseBuilder answer = Response.ok(body.apply(page), type);
        if (page.next() != null) {
            StringBuilder next =
                    new StringBuilder("/changes?after=")
                            .append(page.next())
                            .append("&limit=")
                            .append(n);
            if (at != null) {
                next.append("&since=")
                        .append(URLEncoder.encode(at.toString(), StandardCharsets.UTF_8));
            }
            answer.header("Link", "<" + next + ">; rel=\"next\"");
        }
        return answer.build();
    }

    private static long cursor(String after) {
        if (after == null || after.isBlank()) {
            return 0;
        }
        try {
            long c = Long.parseLong(after.trim());
            if (c >= 0) {
                return c;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException("after", "must be a cursor from the feed");
    }

    private static Instant since(String since) {
        if (since == null || since.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(since.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(
                    "since", "must be an ISO instant such as 2026-09-01T00:00:00Z");
        }
    }

    /** The board's panel: the latest changes, newest first. */
    @GET
    @Path("/latest")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "latestChanges",
            summary = "The latest changes, newest first (the board's panel)",
            description =
                    "Those not yet given a `cursor` (null) included. `limit` at most 100 (default"
                            + " 20).")
    @APIResponse(
            responseCode = "200",
            description = "The latest events",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema =
                                    @Schema(
                                            type = SchemaType.ARRAY,
                                            implementation = ChangeView.class)))
    public List<ChangeView> latest(
            @Parameter(
                            description = "Events to answer",
                            schema =
                                    @Schema(
                                            type = SchemaType.INTEGER,
                                            format = "int32",
                                            minimum = "1",
                                            maximum = "" + LATEST_MAX,
                                            defaultValue = "" + LATEST_DEFAULT))
                    @QueryParam("limit")
                    String limit) {
        int n = QueryParams.limit(limit, LATEST_DEFAULT, MAX_PAGE);
        return changes.latest(Math.min(n, LATEST_MAX));
    }
}
