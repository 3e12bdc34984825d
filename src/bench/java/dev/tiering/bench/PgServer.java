package dev.tiering.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A PostgreSQL for {@code bench/scale.sh --postgres}: the tests' embedded PostgreSQL (zonky, from
 * Maven; nothing to install), on a data folder and port of the script's, with commits made durable
 * as in production ({@code synchronous_commit=on}, where zonky's default is off). Creates the role
 * and database {@code tiering}, prints {@code READY <jdbc url>} and runs until killed.
 *
 * <p>usage: PgServer DATA_DIR PORT
 */
public final class PgServer {
    private PgServer() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        Files.createDirectories(dir);
        EmbeddedPostgres pg =
                EmbeddedPostgres.builder()
                        .setDataDirectory(dir)
                        .setCleanDataDirectory(false)
                        .setPort(port)
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("shared_buffers", "256MB")
                        .start();
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    try {
                                        pg.close();
                                    } catch (Exception e) {
                                        // the JVM is going anyway
                                    }
                                }));
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            boolean exists;
            try (ResultSet rs =
                    s.executeQuery("SELECT 1 FROM pg_database WHERE datname = 'tiering'")) {
                exists = rs.next();
            }
            if (!exists) {
                s.execute("CREATE ROLE tiering LOGIN PASSWORD 'tiering'");
                s.execute("CREATE DATABASE tiering OWNER tiering");
            }
        }
        System.out.println("READY jdbc:postgresql://127.0.0.1:" + port + "/tiering");
        System.out.flush();
        Thread.currentThread().join();
    }
}
