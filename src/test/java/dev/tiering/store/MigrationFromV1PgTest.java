package dev.tiering.store;

import dev.tiering.Postgres;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.HashMap;
import java.util.Map;

/** Every test of {@link MigrationFromV1Test}, from a PostgreSQL schema the first release wrote. */
@QuarkusTest
@TestProfile(MigrationFromV1PgTest.V1Schema.class)
class MigrationFromV1PgTest extends MigrationFromV1Test {
    /** A database of the embedded PostgreSQL with the first release's schema and data in it. */
    public static class V1Schema implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Quarkus may ask more than once; a system property outlives its class loaders.
            String url = System.getProperty("v1store.pg-url");
            if (url == null) {
                url = Postgres.newDatabase("v1");
                V1Store.build(url, Postgres.USER, Postgres.PASSWORD, "postgresql");
                System.setProperty("v1store.pg-url", url);
            }
            Map<String, String> config = new HashMap<>();
            config.put("tiering.db.url", url);
            config.put("tiering.db.user", Postgres.USER);
            config.put("tiering.db.password", Postgres.PASSWORD);
            return config;
        }
    }
}
