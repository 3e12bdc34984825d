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

    /**
     * On the embedded database, every unit of work holds this gate's read side from its start to
     * its end, and a pass over the store that begins takes the write side for a moment: the pass
     * then starts after every unit of work that began before it has ended (see {@link #beginPass}).
     * PostgreSQL does the same with a table lock, for every replica.
     */
    private final java.util.concurrent.locks.ReentrantReadWriteLock gate =
            new java.util.concurrent.locks.ReentrantReadWriteLock();

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
        if (!postgres) {
            gate.readLock().lock();
        }
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
        } finally {
            if (!postgres) {
                gate.readLock().unlock();
            }
        }
    }

    /**
     * Where a pass over the store that begins now starts: the next value of the sequence every
     * classification write takes, once every write that took a smaller one has committed (or rolled
     * back). A pass then reads each row as the last write before it left it, and any row with a
     * larger seq was written after the pass began. On PostgreSQL, a SHARE lock on {@code
     * classification} waits for every transaction of every replica that has written a row of it and
     * holds new ones back until the number is drawn; on the embedded database, the gate does that
     * for this one process. Must not be called inside a unit of work.
     */
    public long beginPass() {
        if (postgres) {
            return transaction(
                    c -> {
                        try (java.sql.Statement s = c.createStatement()) {
                            s.execute("LOCK TABLE classification IN SHARE MODE");
                        }
                        return ClassificationRepository.nextSeq(c);
                    });
        }
        gate.writeLock().lock();
        try {
            return read(ClassificationRepository::nextSeq);
        } finally {
            gate.writeLock().unlock();
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
