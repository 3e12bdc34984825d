package dev.tiering.store;

import dev.tiering.config.ServiceConfig;
import dev.tiering.engine.Failures;
import dev.tiering.store.StoreUnavailableException.Reason;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionFactoryConfiguration;
import io.agroal.api.security.SimplePassword;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The store's database: plain JDBC over whichever datasource is active (the embedded H2 of one
 * process, or the PostgreSQL that replicas share; chosen at start from {@code TIERING_DB_URL}), one
 * transaction per unit of work. A unit of work that fails rolls back whole, so a caller never sees
 * half of a change. The SQL is the same for both: standard SQL, no vendor feature but where {@link
 * #postgres()} says so.
 *
 * <p>A failure that passes (the database out of reach, closed, or out of room) is a {@link
 * StoreUnavailableException}, which a client sees as a 503 to retry; anything else stays a {@link
 * StoreException}, a bug. A unit of work whose connection was lost before its commit runs once more
 * on a fresh connection. While the embedded database's data folder is below {@code
 * tiering.data.min-free-mb}, or after a write failed for want of room, writes are refused before
 * they start and reads go on. While the store is in a fault, a probe looks every {@link
 * #PROBE_EVERY} whether it serves again (on a full folder: whether a write goes through), so it
 * heals with no request and no restart; {@link #health()} says where it stands.
 */
@ApplicationScoped
public class Database {
    private static final Logger LOG = Logger.getLogger(Database.class);

    /** How often a store in a fault is tried again. */
    static final Duration PROBE_EVERY = Duration.ofSeconds(1);

    /** SQLState of a unique or primary-key violation, in H2 and PostgreSQL alike. */
    static final String UNIQUE_VIOLATION = "23505";

    private final AgroalDataSource dataSource;
    private final boolean postgres;
    private final StoreHealth health;
    private ScheduledExecutorService prober;

    /**
     * On the embedded database, every unit of work holds this gate's read side from its start to
     * its end, and a pass over the store that begins takes the write side for a moment: the pass
     * then starts after every unit of work that began before it has ended (see {@link #beginPass}).
     * PostgreSQL does the same with a table lock, for every replica.
     */
    private final java.util.concurrent.locks.ReentrantReadWriteLock gate =
            new java.util.concurrent.locks.ReentrantReadWriteLock();

    /** The one active datasource: injecting the inactive one directly would fail the start. */
    public Database(@Any InjectableInstance<AgroalDataSource> dataSources, ServiceConfig config) {
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
        this.health =
                new StoreHealth(
                        postgres ? null : Path.of(config.dataDir()).toAbsolutePath().normalize(),
                        config.minFreeMb() * 1024 * 1024);
    }

    /** Where the store stands: its fault if any, its errors, its data folder's free space. */
    public StoreHealth health() {
        return health;
    }

    void startProbe(@Observes StartupEvent event) {
        synchronized (this) {
            prober =
                    Executors.newSingleThreadScheduledExecutor(
                            r -> {
                                Thread t = new Thread(r, "store-probe");
                                t.setDaemon(true);
                                return t;
                            });
            long every = PROBE_EVERY.toMillis();
            prober.scheduleWithFixedDelay(
                    () -> {
                        try {
                            probe();
                        } catch (RuntimeException | Error e) {
                            // Never let the probe die of a failure it should have survived: a store
                            // that nobody probes never heals.
                            LOG.warnf("The store's probe failed: %s", e);
                        }
                    },
                    every,
                    every,
                    TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    synchronized void stopProbe() {
        health.stoppedWatching();
        if (prober != null) {
            prober.shutdownNow();
            prober = null;
        }
    }

    /**
     * Tries a store in a fault again: a read where the database was out of reach, a write where the
     * data folder was full (once it has room again). Its success ends the fault.
     */
    void probe() {
        StoreHealth.Fault fault = health.fault().orElse(null);
        if (fault == null) {
            failedProbes = 0;
            return;
        }
        // Each write that finds no room closes the embedded database under its readers: after a
        // few failures, try every few seconds only.
        if (++skipped < Math.min(failedProbes, MAX_PROBE_SKIP)) {
            return;
        }
        skipped = 0;
        boolean write = fault.reason() == Reason.STORAGE_FULL && !postgres;
        if (write && health.low()) {
            return; // no room yet: a write would only fail again
        }
        try {
            if (write) {
                attempt(
                        c ->
                                Jdbc.update(
                                        c,
                                        "UPDATE store_probe SET written_at = ? WHERE id = 1",
                                        Instant.now()),
                        new boolean[1]);
            } else {
                once(c -> Jdbc.number(c, "SELECT 1"));
            }
        } catch (SQLException e) {
            SqlFaults.Kind kind = SqlFaults.classify(e);
            recover(kind);
            failedProbes++;
            LOG.debugf("The store is still unavailable: %s", e.getMessage());
            return;
        }
        failedProbes = 0;
        healed(true);
    }

    /** At most this many probe rounds are skipped after failures: a heal is seen within 4 s. */
    private static final int MAX_PROBE_SKIP = 4;

    private int failedProbes;
    private int skipped;

    /**
     * Compacts the embedded database file for at most {@code budget} and closes it, at a normal
     * stop: H2 appends as it writes and compacts only a little as it goes, so without this the file
     * grows far beyond its data. The budget keeps a stop short on a large file (what is left is
     * compacted online later, {@link FileCompaction}). A no-op on PostgreSQL, which vacuums by
     * itself.
     */
    public void compactAndClose(Duration budget) {
        stopProbe();
        if (postgres) {
            return;
        }
        long started = System.nanoTime();
        try (Connection c = unpooled();
                java.sql.Statement s = c.createStatement()) {
            FileCompaction.store(c).compactFile((int) Math.max(1, budget.toMillis()));
            s.execute("SHUTDOWN");
        } catch (SQLException | RuntimeException e) {
            LOG.infof("Compacting the database at stop failed: %s", e.getMessage());
            return;
        }
        LOG.infof(
                "Compacted and closed the database in %d ms",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /**
     * A connection to the embedded database outside the pool, for the stop's {@code SHUTDOWN}: a
     * pooled one would go back to the pool after it, where resetting it on a closed database made
     * Agroal log a warning at every normal stop. The pool's idle connections then close quietly.
     */
    private Connection unpooled() throws SQLException {
        AgroalConnectionFactoryConfiguration factory =
                dataSource
                        .getConfiguration()
                        .connectionPoolConfiguration()
                        .connectionFactoryConfiguration();
        Properties properties = new Properties();
        properties.putAll(factory.jdbcProperties());
        if (factory.principal() != null) {
            properties.setProperty("user", factory.principal().getName());
        }
        for (Object credential : factory.credentials()) {
            if (credential instanceof SimplePassword password) {
                properties.setProperty("password", password.getWord());
            }
        }
        return new org.h2.Driver().connect(factory.jdbcUrl(), properties);
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

    /**
     * Runs {@code work} in a transaction of its own and commits; any failure rolls it back. Where
     * the connection was lost before the commit, {@code work} runs once more on a fresh connection:
     * it must do nothing outside the database that a second run would do twice.
     *
     * @throws StoreUnavailableException the database cannot be reached, or has no room for a write
     * @throws StoreException any other failure of the database
     */
    public <T> T transaction(Work<T> work) {
        return transaction(work, true);
    }

    /**
     * As {@link #transaction}, but never runs {@code work} twice: for work that counts what it did
     * outside the database.
     */
    public <T> T transactionOnce(Work<T> work) {
        return transaction(work, false);
    }

    private <T> T transaction(Work<T> work, boolean mayRetry) {
        refuseWritesWithoutRoom();
        boolean[] committing = new boolean[1];
        try {
            T result = attempt(work, committing);
            healed(true);
            return result;
        } catch (SQLException e) {
            SqlFaults.Diagnosis diagnosis = SqlFaults.diagnose(e);
            SqlFaults.Kind kind = diagnosis.kind();
            if (!mayRetry
                    || committing[0]
                    || (kind != SqlFaults.Kind.LOST && kind != SqlFaults.Kind.CLOSED)) {
                throw failure(e, diagnosis);
            }
            // Lost before the commit: nothing of it is stored, and a fresh connection may serve.
            recover(kind);
            try {
                T result = attempt(work, committing);
                healed(true);
                return result;
            } catch (SQLException again) {
                throw failure(again, SqlFaults.diagnose(again));
            }
        }
    }

    /**
     * One run of {@code work} in a transaction; {@code committing[0]} is set once the commit has
     * been asked for (a failure after that leaves unknown whether it was stored).
     */
    private <T> T attempt(Work<T> work, boolean[] committing) throws SQLException {
        if (!postgres) {
            gate.readLock().lock();
        }
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                committing[0] = true;
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                restoreQuietly(c, autoCommit);
            }
        } finally {
            if (!postgres) {
                gate.readLock().unlock();
            }
        }
    }

    /**
     * On the embedded database: no write starts while the data folder is below {@code
     * tiering.data.min-free-mb}, nor after one failed for want of room until the probe found room
     * again (each would fail, and close the database under the readers).
     */
    private void refuseWritesWithoutRoom() {
        if (postgres) {
            return;
        }
        if (health.low()) {
            String detail = health.lowDetail();
            if (health.failed(Reason.STORAGE_FULL, detail)) {
                LOG.warnf("The store refuses writes: %s", detail);
            }
            throw new StoreUnavailableException(Reason.STORAGE_FULL, detail, null);
        }
        StoreHealth.Fault fault = health.fault().orElse(null);
        if (fault != null && fault.reason() == Reason.STORAGE_FULL) {
            health.failed(Reason.STORAGE_FULL, fault.detail());
            throw new StoreUnavailableException(Reason.STORAGE_FULL, fault.detail(), null);
        }
    }

    /**
     * A failure as the exception the caller sees: one that passes is a {@link
     * StoreUnavailableException} and begins (or continues) a fault; any other is a {@link
     * StoreException}.
     */
    private StoreException failure(SQLException e, SqlFaults.Diagnosis diagnosis) {
        SqlFaults.Kind kind = diagnosis.kind();
        // The message of what decided (a write that found no room, under the "store is closed"
        // of the statement after it) names the cause.
        String why = rootMessage(diagnosis.evidence());
        Reason reason;
        String detail;
        switch (kind) {
            case LOST -> {
                reason = Reason.UNREACHABLE;
                detail = "the database cannot be reached (" + why + ")";
            }
            case CLOSED -> {
                // The embedded database closes itself after a write it could not make: while the
                // folder is full, that is the cause to name.
                boolean full =
                        health.fault().map(f -> f.reason() == Reason.STORAGE_FULL).orElse(false);
                reason = full ? Reason.STORAGE_FULL : Reason.UNREACHABLE;
                detail =
                        full
                                ? health.fault().get().detail()
                                : "the embedded database is closed (" + why + ")";
            }
            case STORAGE -> {
                reason = Reason.STORAGE_FULL;
                detail =
                        postgres
                                ? "the database server has no room for a write (" + why + ")"
                                : "the data folder "
                                        + health.dataDir().map(Path::toString).orElse("")
                                        + " has no room for a write ("
                                        + why
                                        + "): "
                                        + StoreHealth.megabytes(health.freeBytes().orElse(0))
                                        + " free; writes are refused until there is room, reads"
                                        + " still work";
            }
            default -> {
                return new StoreException(e);
            }
        }
        recover(kind);
        if (health.failed(reason, detail)) {
            LOG.warnf(e, "The store is unavailable: %s", detail);
        }
        return new StoreUnavailableException(reason, detail, e);
    }

    /**
     * After a failure that passes, no connection that shares its cause is handed out again: on
     * PostgreSQL the pool checks its idle connections (the database may have restarted under them);
     * the embedded database closed itself, so every connection to it goes, and the next one opens
     * it again.
     */
    private void recover(SqlFaults.Kind kind) {
        try {
            if (kind == SqlFaults.Kind.LOST) {
                dataSource.flush(AgroalDataSource.FlushMode.INVALID);
            } else if (kind == SqlFaults.Kind.CLOSED || kind == SqlFaults.Kind.STORAGE) {
                dataSource.flush(
                        postgres
                                ? AgroalDataSource.FlushMode.INVALID
                                : AgroalDataSource.FlushMode.GRACEFUL);
            }
        } catch (RuntimeException e) {
            LOG.debugf("Flushing the pool failed: %s", e.getMessage());
        }
    }

    private void healed(boolean wrote) {
        health.succeeded(wrote)
                .ifPresent(
                        f ->
                                LOG.infof(
                                        "The store serves again after %d s (%s)",
                                        Duration.between(f.since(), Instant.now()).toSeconds(),
                                        f.detail()));
    }

    /** The innermost message of a failure, short enough for a problem body. */
    private static String rootMessage(Throwable e) {
        String m = Failures.rootMessage(e);
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
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

    /**
     * Runs read-only {@code work}; each statement sees committed data. Where the connection was
     * lost or the embedded database closed, it runs again on a fresh connection (once on
     * PostgreSQL, up to {@link #READ_ATTEMPTS} times in all on the embedded database).
     *
     * @throws StoreUnavailableException the database cannot be reached
     * @throws StoreException any other failure of the database
     */
    public <T> T read(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                T result = once(work);
                healed(false);
                return result;
            } catch (SQLException e) {
                SqlFaults.Diagnosis diagnosis = SqlFaults.diagnose(e);
                SqlFaults.Kind kind = diagnosis.kind();
                boolean passes = kind != SqlFaults.Kind.OTHER;
                // The embedded database may close again while it reopens after a write that found
                // no room (the probe's): a read is safe to run again, a few times.
                int attempts = postgres ? 2 : READ_ATTEMPTS;
                if (!passes
                        || attempt >= attempts
                        || (postgres && kind == SqlFaults.Kind.STORAGE)) {
                    throw failure(e, diagnosis);
                }
                recover(kind);
                if (attempt > 1) {
                    pause(attempt * 20L);
                }
            }
        }
    }

    /** How often a read on the embedded database is tried before it fails. */
    static final int READ_ATTEMPTS = 4;

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private <T> T once(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        }
    }

    /**
     * Puts the connection back as the pool lent it. A connection that cannot take this is broken:
     * the pool drops it, and what failed before (or the commit that succeeded) is what counts. Not
     * only an SQLException: after a write that found the disk full, H2 checks its own books with an
     * {@code assert} as the transaction ends, and under {@code -ea} (the tests) that
     * AssertionError, thrown from this {@code finally}, replaced the failure that told the client
     * "no room, retry" with an unexplained one.
     */
    private static void restoreQuietly(Connection c, boolean autoCommit) {
        try {
            c.setAutoCommit(autoCommit);
        } catch (SQLException | RuntimeException | AssertionError e) {
            LOG.debugf("Restoring auto-commit on a connection failed: %s", e);
        }
    }

    /** Rolls back; a failure to do so goes with the failure that asked for it, never instead. */
    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException | RuntimeException | AssertionError e) {
            if (e != cause) {
                cause.addSuppressed(e);
            }
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
