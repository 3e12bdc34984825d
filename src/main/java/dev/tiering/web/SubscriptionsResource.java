package dev.tiering.web;

import dev.tiering.operators.ChangeViews.DeliveryView;
import dev.tiering.operators.ChangeViews.SubscriptionRequest;
import dev.tiering.operators.ChangeViews.SubscriptionView;
import dev.tiering.operators.Changes;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Webhook subscriptions (admin): who is sent each change, signed, and what became of it. */
@Path("/subscriptions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "subscriptions", description = "Webhooks: each change as a signed CloudEvent")
public class SubscriptionsResource {
    /** Lines of a delivery log. */
    static final int LOG = 100;

    private final Changes changes;
    private final SecurityIdentity identity;

    public SubscriptionsResource(Changes changes, SecurityIdentity identity) {
        this.changes = changes;
        this.identity = identity;
    }

    @POST
    @RolesAllowed("admin")
    @Operation(
            operationId = "createSubscription",
            summary = "Subscribe a URL to every change, as signed CloudEvents",
            description =
                    "`{\"url\", \"secret\", \"types\"?}`: `url` http or https, not on a loopback or"
                        + " private address unless `tiering.webhooks.allow-private`; `secret`"
                        + " `whsec_` and the base64 of 24 to 64 random bytes, the Standard Webhooks"
                        + " signing key (never answered again); `types` (left out or empty)"
                        + " defaults to [\"dev.tiering.classification.changed\"]. 201 with the"
                        + " subscription.")
    @APIResponse(
            responseCode = "201",
            description = "Subscribed; the subscription, without its secret",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SubscriptionView.class)))
    public Response subscribe(SubscriptionRequest request) {
        SubscriptionView s = changes.subscribe(request, identity.getPrincipal().getName());
        return Response.status(201).entity(s).build();
    }

    @GET
    @RolesAllowed("admin")
    @Operation(operationId = "listSubscriptions", summary = "Every subscription, without secrets")
    @APIResponse(
            responseCode = "200",
            description = "The subscriptions",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema =
                                    @Schema(
                                            type = SchemaType.ARRAY,
                                            implementation = SubscriptionView.class)))
    public List<SubscriptionView> list() {
        return changes.subscriptions();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed("admin")
    // No body, so a client that accepts only the problem+json of an error (as a generated client
    // does) is served, not refused with a 406
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "deleteSubscription", summary = "Remove a subscription and its log")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No subscription with that id")
    public Response delete(@PathParam("id") String id) {
        changes.unsubscribe(id);
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/deliveries")
    @RolesAllowed("admin")
    @Operation(
            operationId = "listDeliveries",
            summary = "A subscription's latest deliveries, newest first",
            description =
                    "`eventId`, `attempts`, `lastStatus` (the receiver's HTTP status, null where"
                            + " it did not answer), `lastAttemptAt`, `deliveredAt`, and `state`"
                            + " (PENDING, DELIVERED, FAILED), `nextAttemptAt`, `lastError`.")
    @APIResponse(
            responseCode = "200",
            description = "The latest " + LOG + " deliveries",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema =
                                    @Schema(
                                            type = SchemaType.ARRAY,
                                            implementation = DeliveryView.class)))
    @APIResponse(responseCode = "404", description = "No subscription with that id")
    public List<DeliveryView> deliveries(@PathParam("id") String id) {
        return changes.deliveries(id, LOG);
    }

    @POST
    @Path("/{id}/deliveries/{eventId}/redeliver")
    @RolesAllowed("admin")
    // No body; as deleteSubscription
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(
            operationId = "redeliver",
            summary = "Send an event to a subscription again, now",
            description = "202; the delivery is pending again whatever became of it before.")
    @APIResponse(responseCode = "202", description = "Pending again, due now")
    @APIResponse(
            responseCode = "404",
            description = "No subscription with that id, or no delivery of that event to it")
    public Response redeliver(@PathParam("id") String id, @PathParam("eventId") String eventId) {
        changes.redeliver(id, eventId);
        return Response.accepted().build();
    }
}
