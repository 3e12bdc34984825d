package dev.tiering;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiering.codec.Json;
import io.restassured.RestAssured;
import io.restassured.config.ObjectMapperConfig;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Gives RestAssured the service's JSON dialect ({@link Json#mapper()}), one mapper of its own class
 * loader, once per test JVM.
 *
 * <p>The surefire JVM loads RestAssured, Groovy and Hamcrest once, from its own class path, for
 * every Quarkus application it starts ({@code quarkus.class-loading.parent-first-artifacts} in the
 * pom): loaded again in each application's class loader, Groovy built its meta-classes afresh for
 * each, and {@code -Pfast} took 166 s instead of 150. RestAssured's default mapper then looks up
 * Jackson modules through the thread's class loader, the application's, and finds modules of
 * another Jackson ({@code JavaTimeModule not a subtype}); this mapper names its modules instead.
 */
public final class RestAssuredMapper implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        ObjectMapper json = Json.mapper();
        RestAssured.config =
                RestAssured.config()
                        .objectMapperConfig(
                                ObjectMapperConfig.objectMapperConfig()
                                        .jackson2ObjectMapperFactory((type, charset) -> json));
    }
}
