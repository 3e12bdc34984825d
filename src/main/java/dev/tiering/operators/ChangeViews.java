package dev.tiering.operators;

import dev.tiering.model.Stage;
import dev.tiering.model.Tier;
import dev.tiering.store.ChangeCause;
import dev.tiering.store.ChangeEventRow;
import dev.tiering.store.Outline;
import dev.tiering.store.WebhookRepository;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The payloads of the change feed and the webhook subscriptions. */
public final class ChangeViews {
    private ChangeViews() {}

    /** What the feed records of a classification: the part whose change is an event. */
    public record OutlineView(Tier tier, Stage stage, boolean fullStack, List<String> risks) {
        static OutlineView of(Outline o) {
            if (o == null) {
                return null;
            }
            List<String> risks =
                    o.risks() == null || o.risks().isEmpty()
                            ? List.of()
                            : Arrays.asList(o.risks().split(","));
            return new OutlineView(o.tier(), o.stage(), o.fullStack(), risks);
        }
    }

    /**
     * An event of {@code GET /changes}, and the {@code data} of its CloudEvent: the fields of
     * API.md, plus {@code reason} (what moved it, a phrase that reads after "after") and {@code
     * detail} (the words history keeps).
     *
     * @param cursor the position to pass as {@code after} to read on from this event; null in the
     *     board's latest changes for one not yet published
     */
    public record ChangeView(
            String id,
            String cursor,
            Instant time,
            String ticker,
            ChangeCause cause,
            String by,
            String ruleSetVersion,
            OutlineView before,
            OutlineView after,
            String reason,
            String detail) {
        public static ChangeView of(ChangeEventRow e) {
            return new ChangeView(
                    e.eventId(),
                    e.position() == 0 ? null : Long.toString(e.position()),
                    e.at(),
                    e.ticker(),
                    e.cause(),
                    e.by(),
                    e.ruleSetVersion(),
                    OutlineView.of(e.before()),
                    OutlineView.of(e.after()),
                    e.reason(),
                    e.detail());
        }
    }

    /** A page of the feed, and the cursor to read on from (null when there is no more yet). */
    public record FeedPage(List<ChangeView> items, String next) {}

    /** A subscription as {@code POST /subscriptions} takes it. */
    public record SubscriptionRequest(String url, String secret, List<String> types) {}

    /** A subscription as answered: never its secret. */
    public record SubscriptionView(String id, String url, List<String> types, Instant createdAt) {
        static SubscriptionView of(WebhookRepository.Subscription s) {
            return new SubscriptionView(s.id(), s.url(), s.types(), s.createdAt());
        }
    }

    /**
     * A line of a subscription's delivery log: the fields of API.md, plus the operator, the state
     * ({@code PENDING}, {@code DELIVERED}, {@code FAILED}), when it is tried next and what the last
     * attempt failed with.
     */
    public record DeliveryView(
            String eventId,
            String ticker,
            String state,
            int attempts,
            Integer lastStatus,
            String lastError,
            Instant lastAttemptAt,
            Instant nextAttemptAt,
            Instant deliveredAt) {
        static DeliveryView of(WebhookRepository.Delivery d) {
            return new DeliveryView(
                    d.eventId(),
                    d.ticker(),
                    d.state().name(),
                    d.attempts(),
                    d.lastStatus(),
                    d.lastError(),
                    d.lastAttemptAt(),
                    d.state() == WebhookRepository.State.PENDING ? d.nextAt() : null,
                    d.deliveredAt());
        }
    }
}
