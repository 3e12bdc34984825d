package dev.tiering.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tiering.engine.Classifier;
import dev.tiering.engine.Facts;
import dev.tiering.engine.Outcome;
import dev.tiering.engine.RuleCompiler;
import dev.tiering.engine.RuleEngine;
import dev.tiering.engine.RuleSet;
import dev.tiering.engine.RuleSources;
import dev.tiering.model.Classification;
import dev.tiering.model.OperatorProfile;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reclassifying a fleet of 10,000 operators in process, per operator: {@code classify} is the
 * engine alone; {@code storeWork} is what the store does per operator besides the database (read
 * the stored profile JSON, classify, write the classification JSON). The database part is measured
 * over HTTP (bench/run.sh, POST /rules/reload), because the store runs only inside Quarkus.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {
            "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
            "-Xms1g",
            "-Xmx1g"
        })
public class ReclassifyBenchmark {
    static final int FLEET = 10_000;

    private OperatorProfile[] profiles;
    private String[] stored;
    private RuleSet rules;
    private RuleEngine engine;
    private LocalDate today;

    @Setup
    public void setUp() throws JsonProcessingException {
        BenchLogging.init();
        List<OperatorProfile> fleet = Seed.fleet(FLEET);
        profiles = fleet.toArray(OperatorProfile[]::new);
        stored = new String[FLEET];
        for (int i = 0; i < FLEET; i++) {
            stored[i] = Seed.JSON.writeValueAsString(profiles[i]);
        }
        rules = new RuleCompiler().compile(RuleSources.read(Path.of("rules")));
        engine = new RuleEngine(10_000);
        today = LocalDate.now();
    }

    @Benchmark
    @OperationsPerInvocation(FLEET)
    public void classify(Blackhole bh) {
        for (OperatorProfile p : profiles) {
            bh.consume(engine.classify(rules, Facts.of(p, today)));
        }
    }

    /**
     * The engine over the fleet with a rule set compiled just before (one shot per rule set), as a
     * reload runs it: the rule set's generated classes start interpreted and its constraints
     * unjitted.
     */
    @Benchmark
    @OperationsPerInvocation(FLEET)
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 3)
    @Measurement(iterations = 8)
    public void classifyFreshRuleSet(Fresh fresh, Blackhole bh) {
        for (OperatorProfile p : profiles) {
            bh.consume(engine.classify(fresh.rules, Facts.of(p, today)));
        }
    }

    /** A rule set compiled anew before every shot. */
    @State(Scope.Thread)
    public static class Fresh {
        RuleSet rules;

        @Setup(Level.Invocation)
        public void compile() {
            rules = new RuleCompiler().compile(RuleSources.read(Path.of("rules")));
        }
    }

    @Benchmark
    @OperationsPerInvocation(FLEET)
    public void storeWork(Blackhole bh) throws JsonProcessingException {
        for (String json : stored) {
            OperatorProfile p = Seed.JSON.readValue(json, OperatorProfile.class);
            Facts facts = Facts.of(p, today);
            Outcome outcome = engine.classify(rules, facts);
            Classification c = Classifier.toClassification(p.ticker(), facts, outcome, rules, null);
            bh.consume(Seed.JSON.writeValueAsString(c));
        }
    }
}
