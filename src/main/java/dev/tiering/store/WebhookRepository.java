package dev.tiering.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * All SQL of {@code webhook_subscription} and {@code webhook_delivery}: the subscriptions, and one
 * delivery row per event and subscription that is both the work queue of the dispatchers of every
 * replica and the delivery log.
 */
public final class WebhookRepository {
    private WebhookRepository() {}

    /** A subscription as stored; {@code types} is never empty. */
    public record Subscription(
            String id,
            String url,
            String secret,
            List<String> types,
            Instant createdAt,
            String createdBy) {}

    /** The states of a delivery. */
    public enum State {
        /** Not yet answered with a 2xx; tried again when due. */
        PENDING,
        /** Answered with a 2xx. */
        DELIVERED,
        /** Given up on after retrying for as long as configured. */
        FAILED
    }

    /** A delivery row; {@code event} is the {@code change_event} row's id. */
    public record Delivery(
            long id,
            String subscriptionId,
            long event,
            long position,
            String ticker,
            State state,
            int attempts,
            Instant createdAt,
            Instant nextAt,
            Integer lastStatus,
            String lastError,
            Instant lastAttemptAt,
            Instant deliveredAt,
            String eventId) {}

    private static final String DELIVERY_COLUMNS =
            "d.id, d.subscription_id, d.event, d.position, d.ticker, d.state, d.attempts,"
                    + " d.created_at, d.next_at, d.last_status, d.last_error, d.last_attempt_at,"
                    + " d.delivered_at, e.event_id";

    public static void insert(Connection c, Subscription s) throws SQLException {
        Jdbc.update(
                c,
                "INSERT INTO webhook_subscription (id, url, secret, types, created_at, created_by)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                s.id(),
                s.url(),
                s.secret(),
                String.join(",", s.types()),
                s.createdAt(),
                s.createdBy());
    }

    public static List<Subscription> subscriptions(Connection c) throws SQLException {
        return Jdbc.list(
                c,
                "SELECT id, url, secret, types, created_at, created_by FROM webhook_subscription"
                        + " ORDER BY created_at, id",
                rs ->
                        new Subscription(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                Arrays.asList(rs.getString(4).split(",")),
                                Jdbc.instant(rs, 5),
                                rs.getString(6)));
    }

    public static Optional<Subscription> subscription(Connection c, String id) throws SQLException {
        return subscriptions(c).stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** Removes a subscription and its deliveries; whether it existed. */
    public static boolean delete(Connection c, String id) throws SQLException {
        Jdbc.update(c, "DELETE FROM webhook_delivery WHERE subscription_id = ?", id);
        return Jdbc.update(c, "DELETE FROM webhook_subscription WHERE id = ?", id) > 0;
    }

    /**
     * Queues a delivery of each published event to each subscription that takes its type (every
     * event is of the one type {@code dev.tiering.classification.changed}).
     */
    static void queue(Connection c, List<ChangeEventRow> events, Instant now) throws SQLException {
        List<Subscription> subscriptions = subscriptions(c);
        if (subscriptions.isEmpty()) {
            return;
        }
        try (PreparedStatement s =
                c.prepareStatement(
                        "INSERT INTO webhook_delivery (subscription_id, event, position, ticker,"
                                + " state, attempts, created_at, next_at) VALUES (?, ?, ?, ?,"
                                + " 'PENDING', 0, ?, ?)")) {
            for (Subscription sub : subscriptions) {
                if (!sub.types().contains(CHANGED)) {
                    continue;
                }
                for (ChangeEventRow e : events) {
                    Jdbc.bind(s, sub.id(), e.id(), e.position(), e.ticker(), now, now);
                    s.addBatch();
                }
            }
            s.executeBatch();
        }
    }

    /** The type of every event: a stored classification changed. */
    public static final String CHANGED = "dev.tiering.classification.changed";

    /**
     * Up to {@code limit} deliveries of a subscription that are due now and not leased, each the
     * oldest still pending of its operator, oldest first.
     */
    public static List<Delivery> due(Connection c, String subscriptionId, Instant now, int limit)
            throws SQLException {
        return Jdbc.list(c, dueSql(limit), WebhookRepository::delivery, subscriptionId, now, now);
    }

    /**
     * The SQL of {@link #due}: its parameters are the subscription and the instant, twice.
     *
     * <p>It reads the subscription's pending rows in position order ({@code
     * webhook_delivery_pending}) and stops at {@code limit}; for each row read, one index probe
     * ({@code webhook_delivery_ticker}) finds its operator's oldest pending row. The work is a
     * probe per row read whatever the planner's statistics say. Asked with {@code NOT EXISTS (an
     * earlier pending row of the operator)}, PostgreSQL planned a nested loop over every pending
     * row for every pending row while the table had not been analyzed yet, as after a burst of
     * events into a young table: 3.7 million rows compared and 2 s a round at 1,900 pending, and a
     * round runs per freed delivery slot.
     */
    static String dueSql(int limit) {
        return "SELECT "
                + DELIVERY_COLUMNS
                + " FROM (SELECT * FROM webhook_delivery d"
                + " WHERE d.subscription_id = ? AND d.state = 'PENDING' AND d.next_at <= ?"
                + " AND (d.lease_until IS NULL OR d.lease_until < ?)"
                + " AND d.position = (SELECT MIN(p.position) FROM webhook_delivery p"
                + " WHERE p.subscription_id = d.subscription_id AND p.ticker = d.ticker"
                + " AND p.state = 'PENDING')"
                + " ORDER BY d.position FETCH FIRST "
                + limit
                + " ROWS ONLY) d JOIN change_event e ON e.id = d.event ORDER BY d.position";
    }

    /**
     * Takes a due delivery for {@code owner} until {@code until}, unless another dispatcher (of any
     * replica) took it first.
     */
    public static boolean claim(Connection c, long id, String owner, Instant now, Instant until)
            throws SQLException {
        return Jdbc.update(
                        c,
                        "UPDATE webhook_delivery SET lease_until = ?, leased_by = ? WHERE id = ?"
                                + " AND state = 'PENDING' AND (lease_until IS NULL OR lease_until <"
                                + " ?)",
                        until,
                        owner,
                        id,
                        now)
                > 0;
    }

    /**
     * Releases every delivery's lease; how many were held. Only for a store no other process shares
     * (the embedded one, at start): whoever held a lease there is gone.
     */
    public static int releaseLeases(Connection c) throws SQLException {
        return Jdbc.update(
                c,
                "UPDATE webhook_delivery SET lease_until = NULL, leased_by = NULL"
                        + " WHERE lease_until IS NOT NULL");
    }

    /**
     * Records an attempt of a delivery this dispatcher holds: delivered, pending again from {@code
     * nextAt}, or given up on.
     */
    public static void attempted(
            Connection c,
            long id,
            String owner,
            State state,
            Integer status,
            String error,
            Instant at,
            Instant nextAt)
            throws SQLException {
        Jdbc.update(
                c,
                "UPDATE webhook_delivery SET state = ?, attempts = attempts + 1, last_status = ?,"
                        + " last_error = ?, last_attempt_at = ?, next_at = ?, delivered_at = ?,"
                        + " lease_until = NULL, leased_by = NULL WHERE id = ? AND leased_by = ?",
                state,
                status,
                error == null || error.length() <= 200 ? error : error.substring(0, 200),
                at,
                nextAt,
                state == State.DELIVERED ? at : null,
                id,
                owner);
    }

    /** The latest deliveries of a subscription, newest first. */
    public static List<Delivery> log(Connection c, String subscriptionId, int limit)
            throws SQLException {
        return Jdbc.list(
                c,
                "SELECT "
                        + DELIVERY_COLUMNS
                        + " FROM webhook_delivery d JOIN change_event e ON e.id = d.event"
                        + " WHERE d.subscription_id = ? ORDER BY d.position DESC FETCH FIRST "
                        + limit
                        + " ROWS ONLY",
                WebhookRepository::delivery,
                subscriptionId);
    }

    /**
     * Makes a subscription's delivery of an event pending again, due now; whether there was one.
     */
    public static boolean redeliver(
            Connection c, String subscriptionId, String eventId, Instant now) throws SQLException {
        return Jdbc.update(
                        c,
                        "UPDATE webhook_delivery SET state = 'PENDING', next_at = ?, delivered_at"
                                + " = NULL WHERE subscription_id = ? AND event = (SELECT id FROM"
                                + " change_event WHERE event_id = ?)",
                        now,
                        subscriptionId,
                        eventId)
                > 0;
    }

    /** How many deliveries of every subscription are pending. */
    public static long pending(Connection c) throws SQLException {
        return Jdbc.number(c, "SELECT COUNT(*) FROM webhook_delivery WHERE state = 'PENDING'");
    }

    private static Delivery delivery(java.sql.ResultSet rs) throws SQLException {
        return new Delivery(
                rs.getLong(1),
                rs.getString(2),
                rs.getLong(3),
                rs.getLong(4),
                rs.getString(5),
                State.valueOf(rs.getString(6)),
                rs.getInt(7),
                Jdbc.instant(rs, 8),
                Jdbc.instant(rs, 9),
                rs.getObject(10, Integer.class),
                rs.getString(11),
                Jdbc.instant(rs, 12),
                Jdbc.instant(rs, 13),
                rs.getString(14));
    }
}
