package dev.tiering.lifecycle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiering.engine.RuleSources;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The running service with a watched copy of the rule folder: a saved file goes live by itself, a
 * broken save is refused and shown as lastError, and a saved scenario is checked, all without
 * anyone calling reload.
 */
@QuarkusTest
@TestProfile(RulesWatchTest.Profile.class)
class RulesWatchTest {
    private static final Logger LOG = Logger.getLogger(RulesWatchTest.class);
    // A save goes live in about a second; the margin is for a busy shared build machine, where
    // compiling alone has taken three seconds.
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    /** A copy of rules/ for this class, watched. */
    public static class Profile extends RulesCopy.Profile {
        @Override
        protected boolean watch() {
            return true;
        }
    }

    @BeforeEach
    @AfterEach
    void backToTheShippedRules() {
        RulesCopy.restore(RulesCopy.dir());
        // Restoring is itself a save the watcher picks up.
        awaitRules(
                r ->
                        r.getString("version").equals(RulesCopy.shippedVersion())
                                && r.get("lastError") == null,
                Duration.ofSeconds(15));
    }

    @Test
    void a_saved_rule_file_goes_live_by_itself() {
        Path tiers = RulesCopy.dir().resolve("tiers.drl");
        long saved = System.nanoTime();
        RulesCopy.replace(
                tiers,
                "// Tiers: exactly one per operator",
                "// Tiers (edited): exactly one per operator");

        JsonPath rules =
                awaitRules(
                        r -> !r.getString("version").equals(RulesCopy.shippedVersion()), PATIENCE);
        long tookMs = Duration.ofNanos(System.nanoTime() - saved).toMillis();
        LOG.infof("Save to live took %d ms", tookMs);
        assertThat(rules.getString("version"))
                .isEqualTo(RuleSources.read(RulesCopy.dir()).version());
        assertThat((Object) rules.get("lastError")).isNull();
        // The watcher's activation is archived under its name, with the text it saw.
        given().get("/rules/versions")
                .then()
                .body("[0].version", org.hamcrest.Matchers.equalTo(rules.getString("version")))
                .body("[0].activatedBy", org.hamcrest.Matchers.equalTo("watcher"));
        given().get("/rules/versions/" + rules.getString("version"))
                .then()
                .statusCode(200)
                .body(
                        "files.find { it.name == 'tiers.drl' }.text",
                        org.hamcrest.Matchers.containsString(
                                "// Tiers (edited): exactly one per operator"));
    }

    @Test
    void a_broken_save_is_refused_and_shown_while_the_old_rules_serve() {
        RulesCopy.replace(RulesCopy.dir().resolve("risks.drl"), "then", "then then");

        JsonPath rules = awaitRules(r -> r.get("lastError") != null, PATIENCE);
        assertThat(rules.getString("version")).isEqualTo(RulesCopy.shippedVersion());
        assertThat(rules.getString("lastError.errors[0].file")).isEqualTo("risks.drl");
        assertThat(rules.getInt("lastError.errors[0].line")).isPositive();
    }

    @Test
    void a_saved_scenario_is_checked_by_itself() {
        RulesCopy.expectTier(RulesCopy.dir(), "hive.json", "TIER_2");

        JsonPath rules = awaitRules(r -> r.get("lastError") != null, PATIENCE);
        assertThat(rules.getString("lastError.errors[0].file")).isEqualTo("scenarios/hive.json");
        assertThat(rules.getString("lastError.errors[0].message"))
                .isEqualTo("expected tier TIER_2 but got TIER_3");
    }

    private static JsonPath awaitRules(Predicate<JsonPath> until, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        JsonPath last;
        do {
            last = given().get("/rules").then().statusCode(200).extract().jsonPath();
            if (until.test(last)) {
                return last;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError(
                "GET /rules did not get there within " + within + "; last: " + last.prettify());
    }
}
