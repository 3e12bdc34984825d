package dev.tiering.store;

import dev.tiering.Postgres;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Every test of {@link DealsOverTimeTest}, with the store on PostgreSQL instead of the embedded H2.
 */
@QuarkusTest
@TestProfile(Postgres.SeededStore.class)
class DealsOverTimePgTest extends DealsOverTimeTest {}
