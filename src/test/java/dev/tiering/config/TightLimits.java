package dev.tiering.config;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The service with size limits small enough to hit with a few bytes ({@link ConfiguredLimitsTest})
 * and with the shipped sign-in throttle, which the other tests' configuration switches off since
 * they sign in wrongly on purpose ({@code SignInThrottleTest}). One start for both: the throttle's
 * test locks out only the guest, whom the limits' test never signs in as.
 */
public class TightLimits implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "tiering.limits.max-sites", "5",
                "tiering.limits.max-deals", "3",
                "tiering.limits.max-text", "80",
                "tiering.classify.max-batch", "3",
                "quarkus.http.limits.max-body-size", "4K",
                "tiering.http.sign-in-failures", "5",
                "tiering.http.sign-in-lockout", "PT30S");
    }
}
