package dev.tiering.cluster;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps stored classifications current without anyone writing: once at start (rules may have
 * changed while the service was down) and then every hour (a deal's end date may have passed).
 */
@ApplicationScoped
public class CatchUp {
    private static final Logger LOG = Logger.getLogger(CatchUp.class);

    private final Reclassifier reclassifier;
    private ScheduledExecutorService timer;

    public CatchUp(Reclassifier reclassifier) {
        this.reclassifier = reclassifier;
    }

    /** Catches up now, then every hour until {@link #stop()}. */
    public synchronized void start() {
        run();
        if (timer == null) {
            timer =
                    Executors.newSingleThreadScheduledExecutor(
                            r -> {
                                Thread t = new Thread(r, "classification-catch-up");
                                t.setDaemon(true);
                                return t;
                            });
            timer.scheduleWithFixedDelay(this::run, 1, 1, TimeUnit.HOURS);
        }
    }

    @PreDestroy
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    private void run() {
        try {
            int changed = reclassifier.catchUp();
            if (changed > 0) {
                LOG.infof(
                        "Reclassified %d stored operators whose rules or deal dates had moved on",
                        changed);
            }
        } catch (RuntimeException e) {
            LOG.error("Catching up stored classifications failed; will retry in an hour", e);
        }
    }
}
