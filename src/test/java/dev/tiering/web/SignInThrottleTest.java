package dev.tiering.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.tiering.config.TightLimits;
import dev.tiering.store.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * Guessing passwords is slowed down: five failures in a row lock the user out of this client for a
 * while.
 */
@QuarkusTest
@TestProfile(TightLimits.class)
class SignInThrottleTest {

    @Test
    void five_wrong_passwords_lock_the_user_out_with_429_and_retry_after() {
        // The guest (signed in, no role: 403): a user the other test classes of this service's
        // profile never sign in as, so they never meet the lock.
        put("guest", "guest-secret").then().statusCode(403);
        for (int i = 0; i < 5; i++) {
            put("guest", "wrong-" + i).then().statusCode(401);
        }
        // Locked out now, even with the right password.
        put("guest", "guest-secret")
                .then()
                .statusCode(429)
                .header("Retry-After", not(equalTo(null)))
                .contentType(startsWith("application/problem+json"));
        // Another user is not locked out by the guest's failures.
        given().auth()
                .preemptive()
                .basic("admin", "admin-secret")
                .queryParam("dryRun", "true")
                .post("/rules/reload")
                .then()
                .statusCode(200);
    }

    @Test
    void a_success_clears_the_count() {
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) {
                put("admin", "wrong").then().statusCode(401);
            }
            given().auth()
                    .preemptive()
                    .basic("admin", "admin-secret")
                    .queryParam("dryRun", "true")
                    .post("/rules/reload")
                    .then()
                    .statusCode(200);
        }
    }

    private static io.restassured.response.Response put(String user, String password) {
        return given().auth()
                .preemptive()
                .basic(user, password)
                .contentType("application/json")
                .body(Api.profile("GUESS"))
                .put("/operators/GUESS");
    }
}
