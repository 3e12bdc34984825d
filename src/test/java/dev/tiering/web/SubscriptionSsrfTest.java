package dev.tiering.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.tiering.config.TightLimits;
import dev.tiering.store.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * As shipped, a webhook may not point inside the service's network: a subscription URL on a
 * loopback, private or link-local address is a 400 naming {@code url}.
 */
@QuarkusTest
@TestProfile(TightLimits.class)
class SubscriptionSsrfTest {
    static final String SECRET =
            "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void a_url_on_a_loopback_private_or_link_local_address_is_refused() {
        for (String url :
                new String[] {
                    "http://127.0.0.1:8080/hook",
                    "http://localhost/hook",
                    "http://10.1.2.3/hook",
                    "http://192.168.0.10/hook",
                    "http://[::1]/hook",
                    "http://169.254.169.254/latest/meta-data/"
                }) {
            Api.admin()
                    .body(Map.of("url", url, "secret", SECRET))
                    .post("/subscriptions")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("url"))
                    .body("errors[0].message", containsString("allow-private"));
        }
        Api.admin().get("/subscriptions").then().statusCode(200).body("size()", equalTo(0));
    }
}
