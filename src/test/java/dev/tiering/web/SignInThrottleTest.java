package dev.tiering.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.tiering.store.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Guessing passwords is slowed down: five failures in a row lock the user out of this client for a
 * while.
 */
@QuarkusTest
@TestProfile(SignInThrottleTest.Throttled.class)
class SignInThrottleTest {
    /**
     * The shipped throttle (the other tests' profile switches it off, since they sign in wrongly on
     * purpose).
     */
    public static class Throttled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "tiering.http.sign-in-failures", "5", "tiering.http.sign-in-lockout", "PT30S");
        }
    }

    @Test
    void five_wrong_passwords_lock_the_user_out_with_429_and_retry_after() {
        for (int i = 0; i < 5; i++) {
            put("analyst", "wrong-" + i).then().statusCode(401);
        }
        // Locked out now, even with the right password.
        put("analyst", "analyst-secret")
                .then()
                .statusCode(429)
                .header("Retry-After", not(equalTo(null)))
                .contentType(startsWith("application/problem+json"));
        // Another user is not locked out by the analyst's failures.
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
