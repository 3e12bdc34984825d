package dev.tiering.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiering.PackagedApp;
import dev.tiering.store.Api;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service is ready as soon as it can answer correctly: its rules loaded and checked,
 * nothing run for the sake of a benchmark first; and a restart loads the class files its rules were
 * compiled to the first time, instead of compiling them again.
 */
class StartIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ENV =
            Map.of("TIERING_ANALYST_PASSWORD", "start-pw", "TIERING_ADMIN_PASSWORD", "start-pw");

    @TempDir Path dataDir;

    @Test
    void ready_means_answering_and_a_restart_loads_the_kept_class_files() throws Exception {
        String version;
        try (PackagedApp app =
                new PackagedApp(dataDir, ENV).property("tiering.seed", "true").start()) {
            // start() returned at the first 200 of readiness: it answers at once
            assertThat(app.send("POST", "/classify", null, null, Api.profile("NOW")).statusCode())
                    .isEqualTo(200);
            JsonNode ready = JSON.readTree(app.get("/q/health/ready").body());
            version = JSON.readTree(app.get("/rules").body()).path("version").asText();
            assertThat(ready.toString()).contains(version);
            assertThat(app.log()).doesNotContain("loaded from the class files kept");
            app.stop();
        }
        try (PackagedApp again = new PackagedApp(dataDir, ENV).start()) {
            assertThat(again.log())
                    .contains("Rule set " + version + " active")
                    .contains("loaded from class files compiled earlier");
            assertThat(JSON.readTree(again.get("/operators").body()).size()).isEqualTo(13);
        }
    }
}
