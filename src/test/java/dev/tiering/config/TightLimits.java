package dev.tiering.config;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The service with size limits small enough to hit with a few bytes ({@link ConfiguredLimitsTest})
 * and with the shipped sign-in throttle, which the other tests' configuration switches off since
 * they sign in wrongly on purpose ({@code SignInThrottleTest}), and with webhooks to internal
 * addresses refused as shipped ({@code SubscriptionSsrfTest}; the other tests' receivers listen on
 * loopback). One start for all: the throttle's test locks out only the guest, whom the others never
 * sign in as.
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
                "tiering.http.sign-in-lockout", "PT30S",
                "tiering.webhooks.allow-private", "false");
    }
}
