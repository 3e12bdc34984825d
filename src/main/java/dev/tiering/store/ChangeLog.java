package dev.tiering.store;

import dev.tiering.model.Stage;
import dev.tiering.model.Tier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * All SQL of {@code change_event} and {@code change_publisher}, and the one place a change of a
 * stored classification is recorded: {@link #append} writes its history row and its event in the
 * transaction of the change, so there is no change without its event and no event without its
 * change.
 *
 * <p>An event's id ({@code change_event.id}) is drawn when it is written, so two transactions can
 * commit in the other order than their ids; a reader that paged by id could pass over an id that
 * commits later. {@link #publish} gives committed events their {@code position}, the feed's cursor,
 * one publisher at a time across replicas (the row lock of {@code change_publisher}), in id order:
 * positions only ever grow in the order readers can see them. Events of one operator are written
 * under its row lock (or its classification row's), so their ids, and positions, follow the order
 * of its changes.
 */
public final class ChangeLog {
    private ChangeLog() {}

    private static final String COLUMNS =
            "id, event_id, position, at, ticker, cause, by_user, rule_set_version, before_tier,"
                    + " before_stage, before_full_stack, before_risks, after_tier, after_stage,"
                    + " after_full_stack, after_risks, detail, reason";

    /**
     * A new event's id: a UUID whose first 48 bits are the time in milliseconds and the rest random
     * (the layout of UUID version 7), so that ids written one after the other sit side by side in
     * the unique index rather than at random places in it (a pass writes thousands at once).
     */
    static String eventId() {
        java.util.concurrent.ThreadLocalRandom random =
                java.util.concurrent.ThreadLocalRandom.current();
        long high = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextLong() & 0x0fffL);
        long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /**
     * Records changes: a history row for each (but deletes) and an event for each, in one batch.
     */
    public static void append(Connection c, List<ChangeRecord> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        List<HistoryRow> history = new ArrayList<>();
        try (PreparedStatement s =
                c.prepareStatement(
                        "INSERT INTO change_event (event_id, at, ticker, cause, by_user,"
                                + " rule_set_version, before_tier, before_stage, before_full_stack,"
                                + " before_risks, after_tier, after_stage, after_full_stack,"
                                + " after_risks, detail, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
                                + " ?, ?, ?, ?, ?, ?, ?)")) {
            for (ChangeRecord r : changes) {
                Outline b = r.before();
                ClassificationRow a = r.after();
                Jdbc.bind(
                        s,
                        eventId(),
                        r.at(),
                        r.ticker(),
                        r.cause(),
                        r.by(),
                        r.ruleSetVersion(),
                        b == null ? null : b.tier(),
                        b == null ? null : b.stage(),
                        b == null ? null : b.fullStack(),
                        b == null ? null : b.risks(),
                        a == null ? null : a.tier(),
                        a == null ? null : a.stage(),
                        a == null ? null : a.fullStack(),
                        a == null ? null : a.risks(),
                        r.detail(),
                        r.reason());
                s.addBatch();
                Cause cause = r.cause().history();
                if (a != null && cause != null) {
                    history.add(
                            new HistoryRow(
                                    r.ticker(),
                                    r.at(),
                                    a.tier(),
                                    a.stage(),
                                    a.fullStack(),
                                    a.risks(),
                                    a.ruleSetVersion(),
                                    cause,
                                    r.detail(),
                                    r.by()));
                }
            }
            s.executeBatch();
        }
        HistoryRepository.append(c, history);
    }

    /**
     * Gives up to {@code limit} committed events without a position theirs, in id order, and queues
     * their deliveries to every subscription whose types take them. Waits for another publisher of
     * any replica to commit first.
     *
     * @return the events published, in position order
     */
    public static List<ChangeEventRow> publish(Connection c, int limit, Instant now)
            throws SQLException {
        if (Jdbc.first(
                        c,
                        "SELECT id FROM change_event WHERE position IS NULL FETCH FIRST 1 ROWS"
                                + " ONLY",
                        rs -> rs.getLong(1))
                .isEmpty()) {
            return List.of(); // the usual case: nothing to take the lock for
        }
        long last =
                Jdbc.number(
                        c, "SELECT last_position FROM change_publisher WHERE id = 1 FOR UPDATE");
        List<ChangeEventRow> unpublished =
                Jdbc.list(
                        c,
                        "SELECT "
                                + COLUMNS
                                + " FROM change_event WHERE position IS NULL ORDER BY id"
                                + " FETCH FIRST "
                                + limit
                                + " ROWS ONLY",
                        ChangeLog::row);
        if (unpublished.isEmpty()) {
            return List.of();
        }
        List<ChangeEventRow> published = new ArrayList<>();
        try (PreparedStatement s =
                c.prepareStatement("UPDATE change_event SET position = ? WHERE id = ?")) {
            for (ChangeEventRow e : unpublished) {
                long position = ++last;
                Jdbc.bind(s, position, e.id());
                s.addBatch();
                published.add(
                        new ChangeEventRow(
                                e.id(),
                                e.eventId(),
                                position,
                                e.at(),
                                e.ticker(),
                                e.cause(),
                                e.by(),
                                e.ruleSetVersion(),
                                e.before(),
                                e.after(),
                                e.detail(),
                                e.reason()));
            }
            s.executeBatch();
        }
        Jdbc.update(c, "UPDATE change_publisher SET last_position = ? WHERE id = 1", last);
        WebhookRepository.queue(c, published, now);
        return published;
    }

    /**
     * Published events after position {@code after}, from {@code since} on (null: any time), oldest
     * first, at most {@code limit}.
     */
    public static List<ChangeEventRow> page(Connection c, long after, Instant since, int limit)
            throws SQLException {
        String sql =
                "SELECT "
                        + COLUMNS
                        + " FROM change_event WHERE position > ?"
                        + (since == null ? "" : " AND at >= ?")
                        + " ORDER BY position FETCH FIRST "
                        + limit
                        + " ROWS ONLY";
        return since == null
                ? Jdbc.list(c, sql, ChangeLog::row, after)
                : Jdbc.list(c, sql, ChangeLog::row, after, since);
    }

    /**
     * The latest {@code limit} events, newest first, published or not yet (position 0): what a
     * board shows right after a write, without waiting for the publisher.
     */
    public static List<ChangeEventRow> latest(Connection c, int limit) throws SQLException {
        return Jdbc.list(
                c,
                "SELECT "
                        + COLUMNS
                        + " FROM change_event ORDER BY id DESC"
                        + " FETCH FIRST "
                        + limit
                        + " ROWS ONLY",
                ChangeLog::row);
    }

    /** Published events by their row ids, in position order. */
    public static List<ChangeEventRow> byIds(Connection c, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        return Jdbc.list(
                c,
                "SELECT "
                        + COLUMNS
                        + " FROM change_event WHERE id IN ("
                        + marks
                        + ")"
                        + " ORDER BY position",
                ChangeLog::row,
                ids.toArray());
    }

    /** The newest position given, 0 before the first. */
    public static long lastPosition(Connection c) throws SQLException {
        return Jdbc.number(c, "SELECT last_position FROM change_publisher WHERE id = 1");
    }

    static ChangeEventRow row(ResultSet rs) throws SQLException {
        long position = rs.getLong(3);
        return new ChangeEventRow(
                rs.getLong(1),
                rs.getString(2),
                position,
                Jdbc.instant(rs, 4),
                rs.getString(5),
                ChangeCause.valueOf(rs.getString(6)),
                rs.getString(7),
                rs.getString(8),
                outline(rs, 9),
                outline(rs, 13),
                rs.getString(17),
                rs.getString(18));
    }

    private static Outline outline(ResultSet rs, int from) throws SQLException {
        String tier = rs.getString(from);
        if (tier == null) {
            return null;
        }
        String stage = rs.getString(from + 1);
        return new Outline(
                Tier.valueOf(tier),
                stage == null ? null : Stage.valueOf(stage),
                rs.getBoolean(from + 2),
                rs.getString(from + 3));
    }
}
