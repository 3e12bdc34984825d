package dev.tiering.store;

import dev.tiering.Postgres;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;

/**
 * Every test of {@link DealsOverTimeTest}, with the store on PostgreSQL instead of the embedded H2.
 */
@QuarkusTest
@TestProfile(DealsOverTimePgTest.OnPostgres.class)
class DealsOverTimePgTest extends DealsOverTimeTest {
    /** The service on a new database of the embedded PostgreSQL. */
    public static class OnPostgres implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Postgres.config("deals");
        }
    }
}
