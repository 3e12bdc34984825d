package dev.tiering.app;

import dev.tiering.cluster.CatchUp;
import dev.tiering.cluster.Replication;
import dev.tiering.cluster.Webhooks;
import dev.tiering.config.Credentials;
import dev.tiering.config.RulesConfig;
import dev.tiering.config.ServiceConfig;
import dev.tiering.engine.RuleCompilationException;
import dev.tiering.lifecycle.CandidateVetting;
import dev.tiering.lifecycle.CheckerProcess;
import dev.tiering.lifecycle.RuleFolder;
import dev.tiering.lifecycle.RuleLifecycle;
import dev.tiering.lifecycle.RuleWatcher;
import dev.tiering.operators.Seeder;
import dev.tiering.store.Database;
import dev.tiering.store.RuleArchive;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * The start-up sequence, in one place: passwords noticed, rules loaded and checked (or, for a
 * replica, the replicas' active version taken up), the store seeded, stored classifications caught
 * up, replication started, the rule folder watched, and the checker started beside serving. Each
 * step needs the one before it: nothing classifies before a rule set is active, and the watcher
 * only sees changes made after the loaded version.
 */
@ApplicationScoped
public class Startup {
    private static final Logger LOG = Logger.getLogger(Startup.class);

    private final RuleLifecycle lifecycle;
    private final RuleFolder folder;
    private final RulesConfig rulesConfig;
    private final ServiceConfig serviceConfig;
    private final Seeder seeder;
    private final CatchUp catchUp;
    private final RuleArchive archive;
    private final Replication replication;
    private final Database database;
    private final CandidateVetting vetting;
    private final Webhooks webhooks;
    private RuleWatcher watcher;

    public Startup(
            RuleLifecycle lifecycle,
            RuleFolder folder,
            RulesConfig rulesConfig,
            ServiceConfig serviceConfig,
            Seeder seeder,
            CatchUp catchUp,
            RuleArchive archive,
            Replication replication,
            Database database,
            CandidateVetting vetting,
            Webhooks webhooks) {
        this.vetting = vetting;
        this.webhooks = webhooks;
        this.lifecycle = lifecycle;
        this.folder = folder;
        this.rulesConfig = rulesConfig;
        this.serviceConfig = serviceConfig;
        this.seeder = seeder;
        this.catchUp = catchUp;
        this.archive = archive;
        this.replication = replication;
        this.database = database;
    }

    void onStart(@Observes StartupEvent event) {
        Credentials.takeGenerated()
                .forEach(
                        (user, password) ->
                                LOG.warnf(
                                        "No password set for user '%s' (set TIERING_%s_PASSWORD);"
                                                + " generated for this run: %s",
                                        user, user.toUpperCase(Locale.ROOT), password));
        loadRules();
        if (serviceConfig.seed()) {
            seeder.seedIfEmpty();
        }
        catchUp.start();
        webhooks.start();
        replication.start();
        if (rulesConfig.watch()) {
            watcher =
                    new RuleWatcher(folder.dir(), rulesConfig.debounce(), this::reloadAfterChange);
            watcher.start();
        }
        if (vetting instanceof CheckerProcess checker) {
            // Beside serving: the first candidate then finds the checker started and warm.
            checker.warm(lifecycle.active().current().sources());
        }
    }

    /**
     * The first active rule set. A replica that shares its database with others serves the version
     * they serve, from the archive; its own folder goes live only when its watcher sees a change or
     * a reload is asked through it. A service on its own database (and the first replica of a new
     * one) starts from its folder.
     */
    private void loadRules() {
        if (serviceConfig.replicated()) {
            var archived = archive.activeVersion().flatMap(archive::sources);
            if (archived.isPresent()) {
                lifecycle.follow(archived.get());
                LOG.infof(
                        "Serving rule set %s, the replicas' active version, from the archive",
                        archived.get().version());
                return;
            }
        }
        try {
            lifecycle.start(folder::read);
        } catch (RuleCompilationException e) {
            throw new IllegalStateException(
                    "The rule folder "
                            + folder.dir().toAbsolutePath()
                            + " was refused, so the service does not start: "
                            + e.getMessage(),
                    e);
        }
    }

    private void reloadAfterChange() {
        try {
            var report = lifecycle.reload(folder::read, false, RuleLifecycle.WATCHER);
            if (report.activated()) {
                LOG.infof(
                        "Rules reloaded after a change in the folder: version %s, %d tier changes",
                        report.version(), report.changes().size());
            }
        } catch (RuleCompilationException e) {
            // Logged with file and line by the lifecycle and kept as lastError; the old rule set
            // keeps serving.
        }
    }

    /** The folder's watcher, or null when the service does not watch. */
    public RuleWatcher watcher() {
        return watcher;
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
        database.compactAndClose(serviceConfig.compactAtStop());
    }

    @PreDestroy // also when the application fails to start after the watch began
    synchronized void stop() {
        if (watcher != null) {
            watcher.stop();
            watcher = null;
        }
        replication.stop();
        catchUp.stop();
        webhooks.stop();
        if (vetting instanceof CheckerProcess checker) {
            checker.close();
        }
    }
}
