package dev.tiering.app;

import dev.tiering.store.Database;
import dev.tiering.store.StoreHealth;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the store serves: down, with the reason, while the database cannot be reached or
 * its data folder is full or below {@code tiering.data.min-free-mb}. It says what it knows without
 * asking the database (the store's probe does, every second), so a readiness poll never waits.
 */
@Readiness
@ApplicationScoped
public class StoreReadiness implements HealthCheck {
    private final Database db;

    public StoreReadiness(Database db) {
        this.db = db;
    }

    @Override
    public HealthCheckResponse call() {
        StoreHealth health = db.health();
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("store");
        health.freeBytes()
                .ifPresent(
                        free ->
                                builder.withData("freeMb", free / (1024 * 1024))
                                        .withData(
                                                "minFreeMb",
                                                health.minFreeBytes() / (1024 * 1024)));
        var fault = health.fault();
        if (fault.isPresent()) {
            return builder.down()
                    .withData("reason", fault.get().reason().name())
                    .withData("detail", fault.get().detail())
                    .withData("since", fault.get().since().toString())
                    .build();
        }
        if (health.low()) {
            return builder.down().withData("reason", "STORAGE_FULL").build();
        }
        return builder.up().build();
    }
}
