package dev.tiering.lifecycle;

import dev.tiering.Postgres;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.HashMap;
import java.util.Map;

/** Every test of {@link RuleArchiveTest}, with the archive and the store on PostgreSQL. */
@QuarkusTest
@TestProfile(RuleArchivePgTest.OnPostgres.class)
class RuleArchivePgTest extends RuleArchiveTest {
    /** RuleArchiveTest's profile, on a new database of the embedded PostgreSQL. */
    public static class OnPostgres extends RuleArchiveTest.Profile {
        @Override
        protected Map<String, String> more() {
            Map<String, String> config = new HashMap<>(super.more());
            config.putAll(Postgres.config("archive"));
            return config;
        }
    }
}
