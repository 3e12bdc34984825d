package dev.tiering.lifecycle;

import dev.tiering.Postgres;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Every test of {@link RuleArchiveTest}, with the archive and the store on PostgreSQL. */
@QuarkusTest
@TestProfile(Postgres.SeededStore.class)
class RuleArchivePgTest extends RuleArchiveTest {}
