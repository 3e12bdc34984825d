package dev.tiering.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tiering.model.OperatorProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * The real rules/ folder, compiled once per test JVM, and helpers to classify with it outside
 * Quarkus.
 */
public final class RulesFixture {
    public static final Path RULES = Path.of("rules");
    public static final ObjectMapper JSON =
            JsonMapper.builder()
                    .addModule(new JavaTimeModule())
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build();
    private static RuleSet rules;

    private RulesFixture() {}

    /**
     * A rule that never stops firing: it re-marks a deal with what it already is, without {@code
     * no-loop}. Its {@code rule} keyword is on line 6.
     */
    public static final String RUNAWAY_DRL =
            """
            package rules;

            import dev.tiering.engine.facts.DealFact;

            // Re-marks a deal with what it already is: without no-loop it matches itself again, forever.
            rule "Runaway: re-mark every deal"
            when
                $d : DealFact( effectiveService != null )
            then
                modify( $d ) { setEffectiveService( $d.getEffectiveService() ) }
            end
            """;

    public static synchronized RuleSet rules() {
        if (rules == null) {
            rules = new RuleCompiler().compile(RuleSources.read(RULES));
        }
        return rules;
    }

    public static Outcome classify(OperatorProfile profile) {
        return new RuleEngine(10_000).classify(rules(), Facts.of(profile, null, rules()));
    }

    public static Outcome classify(OperatorProfile profile, LocalDate asOf) {
        return new RuleEngine(10_000).classify(rules(), Facts.of(profile, asOf, rules()));
    }

    public static OperatorProfile example(String ticker) {
        try {
            return JSON.readValue(
                    Path.of("examples", ticker + ".json").toFile(), OperatorProfile.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
