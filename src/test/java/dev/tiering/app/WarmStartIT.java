package dev.tiering.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiering.PackagedApp;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service warms up before it says it is ready: by the time readiness first answers
 * 200, it has served its own classifications through the whole HTTP stack, and the readiness answer
 * says how it went.
 */
class WarmStartIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CLASSIFY_COUNT =
            Pattern.compile(
                    "(?m)^http_server_requests_seconds_count\\{[^}]*uri=\"/classify\"[^}]*}"
                            + " ([0-9.E]+)");

    @TempDir Path dataDir;

    @Test
    void readiness_waits_for_the_warm_up_which_has_served_classifications_by_then()
            throws Exception {
        try (PackagedApp app =
                new PackagedApp(
                                dataDir,
                                Map.of(
                                        "TIERING_ANALYST_PASSWORD",
                                        "warm-analyst-pw",
                                        "TIERING_ADMIN_PASSWORD",
                                        "warm-admin-pw"))
                        .property("tiering.warmup.enabled", "true")
                        .property("tiering.warmup.start-budget", "PT8S")
                        .property("tiering.seed", "true")
                        .start()) {
            // start() returned at the first 200 of readiness: the warm-up's requests were served
            // before it
            HttpResponse<String> metrics = app.get("/q/metrics");
            Matcher m = CLASSIFY_COUNT.matcher(metrics.body());
            assertThat(m.find()).as("a /classify counter in the metrics").isTrue();
            assertThat(Double.parseDouble(m.group(1))).isGreaterThan(100);

            JsonNode ready = JSON.readTree(app.get("/q/health/ready").body());
            JsonNode warmUp = null;
            for (JsonNode check : ready.get("checks")) {
                if (check.get("name").asText().equals("warm-up")) {
                    warmUp = check;
                }
            }
            assertThat(warmUp).as("a warm-up check in " + ready).isNotNull();
            assertThat(warmUp.get("status").asText()).isEqualTo("UP");
            assertThat(warmUp.get("data").get("state").asText()).contains("requests");
            assertThat(app.log()).contains("Ready after warming up");
        }
    }
}
