package dev.tiering.web;

import dev.tiering.Postgres;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * A tier move delivered as a signed CloudEvent with the store on PostgreSQL: the publisher's lock,
 * the claim and the delivery log in its SQL.
 */
@QuarkusTest
@TestProfile(Postgres.SeededStore.class)
class WebhooksPgTest {
    @Test
    void a_tier_move_reaches_the_receiver_as_a_signed_cloud_event_within_two_seconds()
            throws Exception {
        WebhooksTest.tierMoveReachesTheReceiver();
    }
}
