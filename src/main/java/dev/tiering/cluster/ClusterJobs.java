package dev.tiering.cluster;

import dev.tiering.config.ClusterConfig;
import dev.tiering.store.Database;
import dev.tiering.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * Work one replica does for all ({@code cluster_job}): a pass over the store, after a rule change
 * or to catch up with the date. A replica owns a job by writing its id as owner, and keeps its
 * heartbeat fresh while it works; a job whose heartbeat is older than {@code tiering.cluster.stale}
 * lost its replica, and the next replica to look takes it over. The claims are single conditional
 * UPDATEs, so two replicas can never both win one.
 */
@ApplicationScoped
public class ClusterJobs {
    /** The job of bringing every operator to the active rule set, on today's date. */
    static final String RECLASSIFY = "reclassify";

    private final Database db;
    private final Clock clock;

    /** A heartbeat older than this means the owner is gone. */
    private final Duration stale;

    /**
     * This replica: host and process, and a random part so two starts of one process never share
     * it.
     */
    private final String replica =
            ManagementFactory.getRuntimeMXBean().getName()
                    + "-"
                    + UUID.randomUUID().toString().substring(0, 8);

    public ClusterJobs(Database db, Clock clock, ClusterConfig config) {
        this.db = db;
        this.clock = clock;
        this.stale = config.stale();
    }

    /** How old a heartbeat may be before its owner counts as gone. */
    Duration stale() {
        return stale;
    }

    /** This replica's id, as it signs the jobs it owns. */
    public String replica() {
        return replica;
    }

    /**
     * Takes job {@code name} for {@code version}, whoever had it: a new rule change supersedes an
     * older one.
     */
    void begin(String name, String version) {
        update(
                "UPDATE cluster_job SET version = ?, owner = ?, heartbeat_at = ?, done = FALSE"
                        + " WHERE name = ?",
                version,
                replica,
                now(),
                name);
    }

    /** Keeps this replica's claim on job {@code name} fresh. */
    void heartbeat(String name) {
        update(
                "UPDATE cluster_job SET heartbeat_at = ? WHERE name = ? AND owner = ?",
                now(),
                name,
                replica);
    }

    /** Marks job {@code name} done, if this replica still owns it. */
    void done(String name) {
        update(
                "UPDATE cluster_job SET done = TRUE, heartbeat_at = ? WHERE name = ? AND owner = ?",
                now(),
                name,
                replica);
    }

    /**
     * Takes over job {@code name} if it is unfinished and its owner stopped beating.
     *
     * @return the version the job was for, if this replica took it over
     */
    Optional<String> takeOverStale(String name) {
        OffsetDateTime before = now().minus(stale);
        int taken =
                update(
                        "UPDATE cluster_job SET owner = ?, heartbeat_at = ? WHERE name = ? AND done"
                                + " = FALSE AND heartbeat_at < ?",
                        replica,
                        now(),
                        name,
                        before);
        if (taken == 0) {
            return Optional.empty();
        }
        return db.read(
                c -> {
                    try (PreparedStatement q =
                            c.prepareStatement("SELECT version FROM cluster_job WHERE name = ?")) {
                        q.setString(1, name);
                        try (ResultSet rs = q.executeQuery()) {
                            return rs.next()
                                    ? Optional.ofNullable(rs.getString(1))
                                    : Optional.empty();
                        }
                    }
                });
    }

    /**
     * Claims job {@code name} for {@code version} unless some replica is working on it now
     * (unfinished, with a fresh heartbeat).
     *
     * @return whether this replica should run it
     */
    boolean claim(String name, String version) {
        OffsetDateTime now = now();
        return update(
                        "UPDATE cluster_job SET version = ?, owner = ?, heartbeat_at = ?, done ="
                                + " FALSE WHERE name = ? AND (done = TRUE OR heartbeat_at < ?)",
                        version,
                        replica,
                        now,
                        name,
                        now.minus(stale))
                == 1;
    }

    /**
     * Whether some replica, this one included, is working on job {@code name} right now:
     * unfinished, with a fresh heartbeat. (This replica's own rule change counts: its janitor must
     * not claim chunks beside it, or the change would answer before the janitor's chunks are
     * written, without their tier moves.)
     */
    boolean running(String name) {
        return db.read(
                c -> {
                    try (PreparedStatement q =
                            c.prepareStatement(
                                    "SELECT owner, heartbeat_at, done FROM cluster_job"
                                            + " WHERE name = ?")) {
                        q.setString(1, name);
                        try (ResultSet rs = q.executeQuery()) {
                            if (!rs.next() || rs.getBoolean(3)) {
                                return false;
                            }
                            Instant beat = rs.getObject(2, OffsetDateTime.class).toInstant();
                            return beat.isAfter(clock.instant().minus(stale));
                        }
                    }
                });
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private int update(String sql, Object... args) {
        return db.transaction(c -> Jdbc.update(c, sql, args));
    }
}
