package dev.tiering.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiering.model.OperatorProfile;
import dev.tiering.model.ProfileValidator;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * On the first start with an empty store, loads the operators of the research note from
 * {@code seed/operators.json} (each with a note on its sources), classified by the rules like any other profile.
 */
@ApplicationScoped
public class Seeder {
    private static final Logger LOG = Logger.getLogger(Seeder.class);
    static final String SEED = "seed/operators.json";

    /** One entry of the seed file. */
    public record SeedEntry(String source, OperatorProfile profile) {
    }

    private final OperatorStore store;
    private final ObjectMapper json;
    private final ProfileValidator validator;
    private final boolean seed;

    public Seeder(OperatorStore store, ObjectMapper json, ProfileValidator validator,
            @ConfigProperty(name = "tiering.seed", defaultValue = "true") boolean seed) {
        this.store = store;
        this.json = json;
        this.validator = validator;
        this.seed = seed;
    }

    // After the rules are loaded (their observer runs at the default priority, which is earlier).
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 900) StartupEvent event) {
        if (!seed || store.count() > 0) {
            return;
        }
        List<SeedEntry> entries = read();
        for (int i = 0; i < entries.size(); i++) {
            validator.check(entries.get(i).profile(), "[" + i + "].profile");
        }
        entries.forEach(e -> store.put(e.profile()));
        LOG.infof("Seeded the store with %d operators of the research note", entries.size());
    }

    public List<SeedEntry> read() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(SEED)) {
            if (in == null) {
                throw new IllegalStateException(SEED + " is missing");
            }
            return List.of(json.readValue(in, SeedEntry[].class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SEED, e);
        }
    }
}
