package dev.tiering.web;

import dev.tiering.Postgres;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Every test of {@link ChangesTest}, with the store on PostgreSQL instead of the embedded H2. */
@QuarkusTest
@TestProfile(Postgres.SeededStore.class)
class ChangesPgTest extends ChangesTest {}
