package dev.tiering.app;
import dev.tiering.config.Credentials;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Logs a generated password once, at start, so that an operator of the service can sign in. */
@ApplicationScoped
public class GeneratedPasswordNotice {
    private static final Logger LOG = Logger.getLogger(GeneratedPasswordNotice.class);

    void onStart(@Observes StartupEvent event) {
        Credentials.takeGenerated().forEach((user, password) -> LOG.warnf(
                "No password set for user '%s' (set TIERING_%s_PASSWORD); generated for this run: %s",
                user, user.toUpperCase(java.util.Locale.ROOT), password));
    }
}
