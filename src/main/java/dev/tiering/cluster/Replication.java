package dev.tiering.cluster;

import dev.tiering.config.ClusterConfig;
import dev.tiering.lifecycle.RuleLifecycle;
import dev.tiering.operators.Classifications;
import dev.tiering.store.Database;
import dev.tiering.store.RuleArchive;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Keeps this replica in step with the others that share the database: it serves the version the
 * archive says is active (told at once by PostgreSQL's {@code LISTEN}/{@code NOTIFY}, and looking
 * every {@code tiering.cluster.poll} in case a notification was lost), and every {@code
 * tiering.cluster.sweep} it finishes a reclassification whose replica died and brings stragglers to
 * the active version ({@link Reclassifier#sweep}). On the embedded database there is one process:
 * only the sweep runs.
 */
@ApplicationScoped
public class Replication {
    private static final Logger LOG = Logger.getLogger(Replication.class);

    private final Database db;
    private final RuleArchive archive;
    private final RuleLifecycle lifecycle;
    private final Reclassifier reclassifier;
    private final ClusterConfig config;
    private final Classifications classifications;
    private volatile boolean running;
    private Thread thread;

    public Replication(
            Database db,
            RuleArchive archive,
            RuleLifecycle lifecycle,
            Reclassifier reclassifier,
            ClusterConfig config,
            Classifications classifications) {
        this.db = db;
        this.archive = archive;
        this.lifecycle = lifecycle;
        this.reclassifier = reclassifier;
        this.config = config;
        this.classifications = classifications;
    }

    /** Starts keeping in step, on a thread of its own. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "replication");
        thread.setDaemon(true);
        thread.start();
    }

    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    private void run() {
        long nextSweep = System.nanoTime() + config.sweep().toNanos();
        while (running) {
            try (Listener listener = db.postgres() ? Listener.open(db) : null) {
                while (running) {
                    waitForNews(listener);
                    follow();
                    if (System.nanoTime() >= nextSweep) {
                        nextSweep = System.nanoTime() + config.sweep().toNanos();
                        archive.newest().ifPresent(reclassifier::sweep);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | SQLException e) {
                if (running) {
                    LOG.warnf(
                            "Keeping in step with the other replicas failed (%s); trying again",
                            e.getMessage());
                    pause();
                }
            }
        }
    }

    /** A connection of its own that listens; it stops listening before it goes back to the pool. */
    private record Listener(Connection connection) implements AutoCloseable {
        static Listener open(Database db) throws SQLException {
            Connection c = db.connection();
            try (Statement s = c.createStatement()) {
                s.execute("LISTEN " + RuleArchive.CHANNEL);
            }
            return new Listener(c);
        }

        @Override
        public void close() throws SQLException {
            try (Statement s = connection.createStatement()) {
                s.execute("UNLISTEN *");
            } finally {
                connection.close();
            }
        }
    }

    /** Waits up to one poll interval, less if an activation is announced. */
    private void waitForNews(Listener listener) throws SQLException, InterruptedException {
        long millis = Math.max(1, config.poll().toMillis());
        if (listener == null) {
            Thread.sleep(millis);
            return;
        }
        PGNotification[] news =
                listener.connection().unwrap(PGConnection.class).getNotifications((int) millis);
        if (news != null && news.length > 0) {
            LOG.debugf("Told of rule set %s", news[news.length - 1].getParameter());
        }
    }

    /** Takes up the archive's active version if this replica serves another. */
    private void follow() {
        archive.activeVersion()
                .ifPresent(
                        version -> {
                            var current = lifecycle.active().current();
                            if (!current.version().equals(version)) {
                                // The operators the owner's pass has not reached yet are still
                                // the outgoing rule set's answers.
                                classifications.outgoing(current);
                                archive.sources(version).ifPresent(lifecycle::follow);
                            }
                        });
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
