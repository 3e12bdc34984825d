package dev.tiering.app;

import dev.tiering.store.Database;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while the store can heal by itself: a database out of reach or a full disk is readiness's
 * matter, and a restart would not end it sooner. Down only when the store's probe no longer runs,
 * so a store in a fault would stay in it: then a restart is what helps.
 */
@Liveness
@ApplicationScoped
public class StoreLiveness implements HealthCheck {
    private final Database db;

    public StoreLiveness(Database db) {
        this.db = db;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("store");
        if (!db.health().watching()) {
            return builder.down().withData("probe", "stopped").build();
        }
        return builder.up().withData("available", db.health().fault().isEmpty()).build();
    }
}
