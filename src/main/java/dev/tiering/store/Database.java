package dev.tiering.store;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The store's database: plain JDBC over whichever datasource is active (the embedded H2 of one
 * process, or the PostgreSQL that replicas share; chosen at start from {@code TIERING_DB_URL}), one
 * transaction per unit of work. A unit of work that fails rolls back whole, so a caller never sees
 * half of a change. The SQL is the same for both: standard SQL, no vendor feature but where {@link
 * #postgres()} says so.
 */
@ApplicationScoped
public class Database {
    /** SQLState of a unique or primary-key violation, in H2 and PostgreSQL alike. */
    static final String UNIQUE_VIOLATION = "23505";

    private final AgroalDataSource dataSource;
    private final boolean postgres;

    /** The one active datasource: injecting the inactive one directly would fail the start. */
    public Database(@Any InjectableInstance<AgroalDataSource> dataSources) {
        this.dataSource = dataSources.getActive();
        try (Connection c = dataSource.getConnection()) {
            this.postgres =
                    c.getMetaData()
                            .getDatabaseProductName()
                            .toLowerCase(java.util.Locale.ROOT)
                            .contains("postgres");
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /**
     * Compacts the embedded database file and closes it (H2's {@code SHUTDOWN COMPACT}), at a
     * normal stop: H2 appends as it writes and compacts only a little as it goes, so without this
     * the file grows far beyond its data. A no-op on PostgreSQL, which vacuums by itself.
     */
    public void compactAndClose() {
        if (postgres) {
            return;
        }
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection();
                java.sql.Statement s = c.createStatement()) {
            s.execute("SHUTDOWN COMPACT");
        } catch (SQLException e) {
            org.jboss.logging.Logger.getLogger(Database.class)
                    .infof("Compacting the database at stop failed: %s", e.getMessage());
            return;
        }
        org.jboss.logging.Logger.getLogger(Database.class)
                .infof(
                        "Compacted the database in %d ms",
                        java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(
                                System.nanoTime() - started));
    }

    /** Whether this is PostgreSQL (replicas may share it) rather than the embedded H2. */
    public boolean postgres() {
        return postgres;
    }

    /**
     * A connection of its own, outside any unit of work, for a caller that holds it long (a
     * listener).
     */
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** Work on a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in a transaction of its own and commits; any failure rolls it back. */
    public <T> T transaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Runs read-only {@code work}; each statement sees committed data. */
    public <T> T read(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Whether a failure is a duplicate key: a writer that lost a race to create the same row. */
    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s && UNIQUE_VIOLATION.equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
