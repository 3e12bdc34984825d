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
            operationId = "subscribe",
            summary = "Subscribe a URL to every change, as signed CloudEvents",
            description =
                    "`{\"url\", \"secret\", \"types\"?}`: `url` http or https, not on a loopback or"
                        + " private address unless `tiering.webhooks.allow-private`; `secret`"
                        + " `whsec_` and the base64 of 24 to 64 random bytes, the Standard Webhooks"
                        + " signing key (never answered again); `types` defaults to"
                        + " [\"dev.tiering.classification.changed\"]. 201 with the subscription.")
    public Response subscribe(SubscriptionRequest request) {
        SubscriptionView s = changes.subscribe(request, identity.getPrincipal().getName());
        return Response.status(201).entity(s).build();
    }

    @GET
    @RolesAllowed("admin")
    @Operation(operationId = "listSubscriptions", summary = "Every subscription, without secrets")
    public List<SubscriptionView> list() {
        return changes.subscriptions();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed("admin")
    @Operation(operationId = "unsubscribe", summary = "Remove a subscription and its log")
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
    public List<DeliveryView> deliveries(@PathParam("id") String id) {
        return changes.deliveries(id, LOG);
    }

    @POST
    @Path("/{id}/deliveries/{eventId}/redeliver")
    @RolesAllowed("admin")
    @Operation(
            operationId = "redeliver",
            summary = "Send an event to a subscription again, now",
            description = "202; the delivery is pending again whatever became of it before.")
    public Response redeliver(@PathParam("id") String id, @PathParam("eventId") String eventId) {
        changes.redeliver(id, eventId);
        return Response.accepted().build();
    }
}
