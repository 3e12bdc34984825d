package dev.tiering.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.Optional;

/**
 * The keys directly under {@code tiering.}: where the data lives (the embedded folder, or a
 * PostgreSQL database), what a new store starts with, and the users' passwords. (SmallRye allows
 * one mapping per prefix, so these share one; the features with keys of their own have their own
 * mappings: {@link RulesConfig}, {@link LimitsConfig}, {@link ClassifyConfig}.)
 */
@ConfigMapping(prefix = "tiering")
public interface ServiceConfig {
    /**
     * Default of {@code tiering.data.dir}; {@link DatabaseConfigSourceFactory} reads it before this
     * mapping exists.
     */
    String DEFAULT_DATA_DIR = "data";

    /** On first start with an empty store, load the operators of the research note. */
    @WithName("seed")
    @WithDefault("true")
    boolean seed();

    /** Folder of the embedded database. */
    @WithName("data.dir")
    @WithDefault(DEFAULT_DATA_DIR)
    String dataDir();

    /**
     * How often the embedded database's file is looked at, and compacted where most of it is space
     * that older versions of rows held ({@code store.FileCompaction}); also right after a pass over
     * the store.
     */
    @WithName("data.compact-check")
    @WithDefault("PT1M")
    java.time.Duration compactCheck();

    /**
     * Room the embedded database's data folder must keep, in MB: below it, writes are refused (a
     * 503 naming the free space) and readiness is down, while reads go on, so the database never
     * meets a full disk in the middle of a write; they resume by themselves once there is room.
     */
    @WithName("data.min-free-mb")
    @WithDefault("256")
    long minFreeMb();

    /**
     * How long compacting the embedded database's file may take at a normal stop, within the stop's
     * budget; what is left is compacted online after the next start.
     */
    @WithName("data.compact-at-stop")
    @WithDefault("PT3S")
    java.time.Duration compactAtStop();

    /**
     * The analyst's password ({@code TIERING_ANALYST_PASSWORD}); read before CDI starts by {@link
     * UsersConfigSourceFactory}, which generates one where it is unset.
     */
    @WithName("analyst.password")
    Optional<String> analystPassword();

    /** The admin's password ({@code TIERING_ADMIN_PASSWORD}); as {@link #analystPassword()}. */
    @WithName("admin.password")
    Optional<String> adminPassword();

    /**
     * A PostgreSQL JDBC URL ({@code TIERING_DB_URL}): set, the service keeps everything there and
     * any number of replicas may share it; unset, the embedded H2 database under {@link
     * #dataDir()}. Read before CDI starts by {@link DatabaseConfigSourceFactory}.
     */
    @WithName("db.url")
    Optional<String> dbUrl();

    /** The PostgreSQL user ({@code TIERING_DB_USER}). */
    @WithName("db.user")
    Optional<String> dbUser();

    /** The PostgreSQL password ({@code TIERING_DB_PASSWORD}). */
    @WithName("db.password")
    Optional<String> dbPassword();

    /**
     * Whether the store is PostgreSQL, shared by replicas (else the embedded H2 of one process).
     */
    default boolean replicated() {
        return dbUrl().filter(u -> !u.isBlank()).isPresent();
    }
}
