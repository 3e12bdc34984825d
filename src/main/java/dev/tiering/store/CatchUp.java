package dev.tiering.store;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps stored classifications current without anyone writing: at start (rules may have changed while the
 * service was down) and every hour (a deal's end date may have passed).
 */
@ApplicationScoped
public class CatchUp {
    private static final Logger LOG = Logger.getLogger(CatchUp.class);

    private final OperatorStore store;
    private ScheduledExecutorService timer;

    public CatchUp(OperatorStore store) {
        this.store = store;
    }

    // After the rules (APPLICATION) and the seed (APPLICATION + 900).
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 950) StartupEvent event) {
        run();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "classification-catch-up");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::run, 1, 1, TimeUnit.HOURS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void run() {
        try {
            int changed = store.catchUp();
            if (changed > 0) {
                LOG.infof("Reclassified %d stored operator(s) whose rules or deal dates had moved on", changed);
            }
        } catch (RuntimeException e) {
            LOG.error("Catching up stored classifications failed; will retry in an hour", e);
        }
    }
}
