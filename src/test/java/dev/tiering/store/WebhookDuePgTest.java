package dev.tiering.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiering.Postgres;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's question on PostgreSQL after a burst of events into a table not yet analyzed, as
 * a rule change makes: the work grows with the rows it reads, never with their square. All in one
 * transaction that is rolled back, so the running service's dispatcher never sees these rows.
 */
@QuarkusTest
@TestProfile(Postgres.SeededStore.class)
class WebhookDuePgTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TICKERS = 1_000; // two pending events each

    @Inject Database db;

    @Test
    void a_round_reads_the_oldest_due_deliveries_in_order_and_stops_whatever_the_backlog()
            throws Exception {
        Instant now = Instant.parse("2026-12-06T10:00:00Z");
        String subscription = UUID.randomUUID().toString();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                burst(c, subscription, now);

                // the oldest due rows, each its operator's oldest pending: Q0000 ... Q0003, not any
                // of their second events (positions 1,001 on), and not Q0000 once it is leased
                assertThat(tickers(WebhookRepository.due(c, subscription, now, 4)))
                        .containsExactly("Q0000", "Q0001", "Q0002", "Q0003");
                long first = WebhookRepository.due(c, subscription, now, 1).get(0).id();
                assertThat(WebhookRepository.claim(c, first, "me", now, now.plusSeconds(30)))
                        .isTrue();
                assertThat(tickers(WebhookRepository.due(c, subscription, now, 2)))
                        .containsExactly("Q0001", "Q0002");

                // Read in position order, stopping at the 4 it wants: a few dozen rows in all. A
                // nested loop over the pending rows for each pending row handled 6 million.
                assertThat(rowsHandled(plan(c, subscription, now, 4)))
                        .as(
                                "rows the plan handled for 4 of %d pending, before any ANALYZE",
                                2 * TICKERS)
                        .isLessThan(100);
                try (Statement s = c.createStatement()) {
                    s.execute("ANALYZE webhook_delivery");
                    s.execute("ANALYZE change_event");
                }
                assertThat(rowsHandled(plan(c, subscription, now, 4)))
                        .as("rows the plan handled for 4 of %d pending, analyzed", 2 * TICKERS)
                        .isLessThan(100);
            } finally {
                c.rollback();
            }
        }
    }

    /** A subscription with two pending deliveries for each of TICKERS operators, positions 1…n. */
    private static void burst(Connection c, String subscription, Instant now) throws Exception {
        WebhookRepository.insert(
                c,
                new WebhookRepository.Subscription(
                        subscription,
                        "http://192.0.2.1/never",
                        "secret",
                        List.of(WebhookRepository.CHANGED),
                        now,
                        "test"));
        try (PreparedStatement event =
                        c.prepareStatement(
                                "INSERT INTO change_event (event_id, at, ticker, cause) VALUES"
                                        + " (?, ?, ?, 'RULES')",
                                new String[] {"id"});
                PreparedStatement delivery =
                        c.prepareStatement(
                                "INSERT INTO webhook_delivery (subscription_id, event, position,"
                                        + " ticker, state, attempts, created_at, next_at) VALUES"
                                        + " (?, ?, ?, ?, 'PENDING', 0, ?, ?)")) {
            for (int i = 0; i < 2 * TICKERS; i++) {
                String ticker = String.format("Q%04d", i % TICKERS);
                Jdbc.bind(event, UUID.randomUUID().toString(), now, ticker);
                event.executeUpdate();
                long id;
                try (ResultSet keys = event.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
                Jdbc.bind(delivery, subscription, id, i + 1L, ticker, now, now);
                delivery.addBatch();
            }
            delivery.executeBatch();
        }
    }

    private static List<String> tickers(List<WebhookRepository.Delivery> deliveries) {
        return deliveries.stream().map(WebhookRepository.Delivery::ticker).toList();
    }

    private static JsonNode plan(Connection c, String subscription, Instant now, int limit)
            throws Exception {
        try (PreparedStatement explain =
                c.prepareStatement(
                        "EXPLAIN (ANALYZE, FORMAT JSON) " + WebhookRepository.dueSql(limit))) {
            Jdbc.bind(explain, subscription, now, now);
            try (ResultSet rs = explain.executeQuery()) {
                rs.next();
                return JSON.readTree(rs.getString(1)).get(0).get("Plan");
            }
        }
    }

    /** Every row each node of the plan gave, and every row it read and dropped, over all loops. */
    private static long rowsHandled(JsonNode node) {
        long loops = node.path("Actual Loops").asLong(1);
        long rows =
                loops
                        * (node.path("Actual Rows").asLong()
                                + node.path("Rows Removed by Filter").asLong()
                                + node.path("Rows Removed by Join Filter").asLong()
                                + node.path("Rows Removed by Index Recheck").asLong());
        for (JsonNode child : node.path("Plans")) {
            rows += rowsHandled(child);
        }
        return rows;
    }
}
