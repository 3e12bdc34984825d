package dev.tiering.operators;

import dev.tiering.config.WebhooksConfig;
import dev.tiering.model.FieldError;
import dev.tiering.model.InvalidProfileException;
import dev.tiering.operators.ChangeViews.ChangeView;
import dev.tiering.operators.ChangeViews.DeliveryView;
import dev.tiering.operators.ChangeViews.FeedPage;
import dev.tiering.operators.ChangeViews.SubscriptionRequest;
import dev.tiering.operators.ChangeViews.SubscriptionView;
import dev.tiering.store.ChangeEventRow;
import dev.tiering.store.ChangeLog;
import dev.tiering.store.Database;
import dev.tiering.store.WebhookRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The change feed and the webhook subscriptions: the events the writes recorded (see {@link
 * ChangeLog}), a page at a time, and who is told of them.
 */
@ApplicationScoped
public class Changes {
    private final Database db;
    private final WebhooksConfig config;
    private final Clock clock;

    public Changes(Database db, WebhooksConfig config, Clock clock) {
        this.db = db;
        this.config = config;
        this.clock = clock;
    }

    /** Published events after cursor {@code after}, from {@code since}, oldest first. */
    public FeedPage page(long after, Instant since, int limit) {
        List<ChangeEventRow> rows = db.read(c -> ChangeLog.page(c, after, since, limit + 1));
        List<ChangeView> items =
                rows.subList(0, Math.min(limit, rows.size())).stream().map(ChangeView::of).toList();
        String next = rows.size() > limit ? items.get(items.size() - 1).cursor() : null;
        return new FeedPage(items, next);
    }

    /** The latest events, newest first: what the board shows. */
    public List<ChangeView> latest(int limit) {
        return db.read(c -> ChangeLog.latest(c, limit)).stream().map(ChangeView::of).toList();
    }

    /**
     * Subscribes a URL; 400 naming the field for a URL that is not http(s), one on an internal
     * address (unless allowed), a secret of the wrong form or an unknown type.
     */
    public SubscriptionView subscribe(SubscriptionRequest request, String by) {
        if (request == null) {
            throw new InvalidProfileException("url", "is required");
        }
        List<FieldError> errors = new ArrayList<>();
        try {
            WebhookUrls.resolve(WebhookUrls.parse(request.url()), config.allowPrivate());
        } catch (WebhookUrls.RefusedUrlException e) {
            errors.add(new FieldError("url", e.getMessage()));
        }
        try {
            WebhookUrls.secretKey(request.secret());
        } catch (WebhookUrls.RefusedUrlException e) {
            errors.add(new FieldError("secret", e.getMessage()));
        }
        // An empty list is a list left out: a generated client (openapi-generator's Java models
        // start every list empty) sends [] for a field its caller never set
        List<String> types =
                request.types() == null || request.types().isEmpty()
                        ? WebhookUrls.TYPES
                        : request.types();
        for (int i = 0; i < types.size(); i++) {
            if (!WebhookUrls.TYPES.contains(types.get(i))) {
                errors.add(
                        new FieldError(
                                "types[" + i + "]",
                                "must be one of " + String.join(", ", WebhookUrls.TYPES)));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidProfileException(errors);
        }
        WebhookRepository.Subscription s =
                new WebhookRepository.Subscription(
                        UUID.randomUUID().toString(),
                        request.url(),
                        request.secret(),
                        List.copyOf(new java.util.LinkedHashSet<>(types)),
                        clock.instant(),
                        by);
        db.transaction(
                c -> {
                    WebhookRepository.insert(c, s);
                    return null;
                });
        return SubscriptionView.of(s);
    }

    public List<SubscriptionView> subscriptions() {
        return db.read(WebhookRepository::subscriptions).stream()
                .map(SubscriptionView::of)
                .toList();
    }

    /** Removes a subscription and its delivery log; 404 if unknown. */
    public void unsubscribe(String id) {
        if (!db.transaction(c -> WebhookRepository.delete(c, id))) {
            throw unknown(id);
        }
    }

    /** A subscription's latest deliveries, newest first; 404 if unknown. */
    public List<DeliveryView> deliveries(String id, int limit) {
        return db.read(
                c -> {
                    if (WebhookRepository.subscription(c, id).isEmpty()) {
                        throw unknown(id);
                    }
                    return WebhookRepository.log(c, id, limit).stream()
                            .map(DeliveryView::of)
                            .toList();
                });
    }

    /**
     * Sends an event to a subscription again, now, whatever its earlier deliveries did; 404 if
     * either is unknown.
     */
    public void redeliver(String id, String eventId) {
        if (!db.transaction(c -> WebhookRepository.redeliver(c, id, eventId, clock.instant()))) {
            throw new OperatorNotFoundException(
                    "subscription '" + id + "' has no delivery of event '" + eventId + "'");
        }
    }

    private static OperatorNotFoundException unknown(String id) {
        return new OperatorNotFoundException("no subscription '" + id + "'");
    }
}
