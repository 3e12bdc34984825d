package dev.tiering.operators;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiering.model.OperatorProfile;
import dev.tiering.model.ProfileValidator;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Loads the operators of the research note from {@code seed/operators.json} into an empty store,
 * classified by the rules like any other profile. Each entry carries what the note says of the
 * operator and, beside each fact the note does not state, its public source; only the profile is
 * stored.
 */
@ApplicationScoped
public class Seeder {
    private static final Logger LOG = Logger.getLogger(Seeder.class);
    static final String SEED = "seed/operators.json";

    /** Who the seed writes history as. */
    static final String SEEDER = "seed";

    /**
     * One entry of the seed file.
     *
     * @param note what the research note says of the operator
     * @param sources the source of each fact the note does not state, keyed {@code site <name>},
     *     {@code deal <id>}, {@code gpuCloud}, {@code miningRevenueShare}; estimates say so
     */
    public record SeedEntry(String note, Map<String, String> sources, OperatorProfile profile) {}

    private final OperatorService operators;
    private final ObjectMapper json;
    private final ProfileValidator validator;

    public Seeder(OperatorService operators, ObjectMapper json, ProfileValidator validator) {
        this.operators = operators;
        this.json = json;
        this.validator = validator;
    }

    /** Seeds the store if it holds no operator; returns how many operators were stored. */
    public int seedIfEmpty() {
        if (operators.count() > 0) {
            return 0;
        }
        List<SeedEntry> entries = read();
        for (int i = 0; i < entries.size(); i++) {
            validator.check(entries.get(i).profile(), "[" + i + "].profile");
        }
        entries.forEach(e -> operators.put(e.profile(), SEEDER));
        LOG.infof("Seeded the store with %d operators of the research note", entries.size());
        return entries.size();
    }

    public List<SeedEntry> read() {
        try (InputStream in = Seeder.class.getClassLoader().getResourceAsStream(SEED)) {
            if (in == null) {
                throw new IllegalStateException(SEED + " is missing");
            }
            return List.of(json.readValue(in, SeedEntry[].class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SEED, e);
        }
    }
}
