package dev.tiering.app;

import dev.tiering.store.Database;
import dev.tiering.store.StoreHealth;
import dev.tiering.store.StoreUnavailableException.Reason;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;

/**
 * The store's state for alerts ({@code /q/metrics}): {@code tiering_store_up} (1 serving, 0 in a
 * fault or with its data folder below the minimum), {@code tiering_store_errors_total} by {@code
 * reason} ({@code unreachable}, {@code storage_full}: requests and jobs the store could not serve),
 * and on the embedded database {@code tiering_data_free_bytes} beside {@code
 * tiering_data_min_free_bytes}.
 */
@ApplicationScoped
public class StoreMetrics {
    void register(@Observes StartupEvent event, Database db, MeterRegistry metrics) {
        StoreHealth health = db.health();
        Gauge.builder("tiering.store.up", health, h -> h.up() ? 1 : 0)
                .description("1 while the store serves, 0 while it cannot (see readiness)")
                .register(metrics);
        for (Reason reason : Reason.values()) {
            FunctionCounter.builder("tiering.store.errors", health, h -> h.errors(reason))
                    .description("Units of work the store could not serve, by reason")
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .register(metrics);
        }
        if (health.dataDir().isPresent()) {
            Gauge.builder("tiering.data.free", health, h -> h.freeBytes().orElse(-1))
                    .description("Free space of the embedded database's data folder")
                    .baseUnit("bytes")
                    .register(metrics);
            Gauge.builder("tiering.data.min.free", health, StoreHealth::minFreeBytes)
                    .description("tiering.data.min-free-mb: below it, writes are refused")
                    .baseUnit("bytes")
                    .register(metrics);
        }
    }
}
