package dev.tiering.web;

import dev.tiering.codec.Spreadsheets;
import dev.tiering.config.ImportConfig;
import dev.tiering.operators.DealImport;
import dev.tiering.operators.DealImport.Imported;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Every deal of every operator as a spreadsheet, and deals imported from one. */
@Path("/deals")
@Tag(name = "deals", description = "Deals as a spreadsheet: export, and import all or nothing")
public class DealsResource {
    private final DealImport deals;
    private final ImportConfig config;
    private final SecurityIdentity identity;

    public DealsResource(DealImport deals, ImportConfig config, SecurityIdentity identity) {
        this.deals = deals;
        this.config = config;
        this.identity = identity;
    }

    @GET
    @PermitAll
    @Produces(Spreadsheets.MEDIA_TYPE)
    @Operation(
            operationId = "exportDeals",
            summary = "Every deal of every stored operator (CSV)",
            description =
                    "Exactly the columns POST /deals/import takes, so an export edited in a"
                            + " spreadsheet imports back.")
    @APIResponse(
            responseCode = "200",
            description = "The spreadsheet (RFC 4180), header row first",
            content =
                    @Content(
                            mediaType = Spreadsheets.MEDIA_TYPE,
                            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response export() {
        return OperatorResource.csv(
                (jakarta.ws.rs.core.StreamingOutput)
                        out -> {
                            try (Spreadsheets.Sheet sheet = Spreadsheets.Sheet.deals(out)) {
                                deals.forEachDeals(
                                        page -> {
                                            try {
                                                sheet.deals(page);
                                            } catch (java.io.IOException e) {
                                                throw new java.io.UncheckedIOException(e);
                                            }
                                        });
                            }
                        },
                "deals.csv");
    }

    @POST
    @Path("/import")
    @RolesAllowed("analyst")
    @Consumes({Spreadsheets.MEDIA_TYPE, MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "importDeals",
            summary = "Import deals from a spreadsheet (CSV), all or nothing",
            description =
                    "Header row first, columns in any order:"
                        + " ticker,id,counterparty,counterpartyType,guarantor,guarantorType,service,status,valueUsd,termYears,mw,prepaymentUsd,takeOrPay,tripleNet,signed,ended"
                        + " (empty cell: absent). A row whose (ticker, id) exists amends that deal,"
                        + " any other adds one. Any bad row is a 400 whose errors name `row N:"
                        + " column` (the header is row 1) and nothing is stored; else one"
                        + " transaction, one reclassification per operator touched.")
    public List<Imported> importDeals(
            @RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = Spreadsheets.MEDIA_TYPE,
                                            schema = @Schema(type = SchemaType.STRING),
                                            examples =
                                                    @ExampleObject(
                                                            name = "one deal",
                                                            value =
                                                                    "ticker,id,counterparty,counterpartyType,service,status,valueUsd,termYears,mw,signed\r\n"
                                                                        + "BTDR,msft-2026,Microsoft,HYPERSCALER,COLOCATION,BINDING,2000000000,10,200,2026-09-01\r\n")))
                    String csv) {
        String text = csv == null ? "" : csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        return deals.run(
                Spreadsheets.readDeals(text, config.maxRows()), identity.getPrincipal().getName());
    }
}
