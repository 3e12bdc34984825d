package dev.tiering.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How replicas that share one PostgreSQL database keep in step ({@code tiering.cluster.*}). */
@ConfigMapping(prefix = "tiering.cluster")
public interface ClusterConfig {
    /**
     * How often a replica looks at the archive for a version activated elsewhere, besides being
     * told at once through PostgreSQL's NOTIFY: the safety net for a lost notification.
     */
    @WithDefault("PT2S")
    Duration poll();

    /**
     * How often a replica looks for stored operators not yet on the active rule set: a
     * reclassification whose replica died, or a write through a replica that had not yet followed a
     * change.
     */
    @WithDefault("PT10S")
    Duration sweep();

    /**
     * How long a replica working on a job for all (a reclassification, the catch-up) may go without
     * a heartbeat before the others take it for dead and take the job over. Its heartbeat comes
     * with each chunk of operators written, so this must be well above the time one chunk takes.
     */
    @WithDefault("PT30S")
    Duration stale();
}
