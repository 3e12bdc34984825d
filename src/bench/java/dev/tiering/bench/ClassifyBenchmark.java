package dev.tiering.bench;

import dev.tiering.engine.Classifier;
import dev.tiering.engine.Facts;
import dev.tiering.engine.Outcome;
import dev.tiering.engine.RuleCompiler;
import dev.tiering.engine.RuleEngine;
import dev.tiering.engine.RuleSet;
import dev.tiering.engine.RuleSources;
import dev.tiering.model.OperatorProfile;
import dev.tiering.reference.ReferenceModel;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * One classification of each of the research note's 13 operators, per operation: the rule engine
 * (facts, session, rules, outcome) against the plain-Java reference model of MODEL.md (the floor),
 * in the same run. Results are per classification ({@code @OperationsPerInvocation(13)}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 2,
        jvmArgsAppend = {
            "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
            "-Xms1g",
            "-Xmx1g"
        })
public class ClassifyBenchmark {
    static final int SEED = 13;

    /** A fixed date so both sides count the same deals every run. */
    static final LocalDate AS_OF = LocalDate.of(2026, 6, 1);

    private OperatorProfile[] profiles;
    private RuleSet rules;
    private RuleEngine engine;
    private KieSessionsPool noRules;

    @Setup
    public void setUp() {
        BenchLogging.init();
        List<OperatorProfile> seed = Seed.profiles();
        if (seed.size() != SEED) {
            throw new IllegalStateException(
                    "expected " + SEED + " seed profiles, got " + seed.size());
        }
        profiles = seed.toArray(OperatorProfile[]::new);
        rules = new RuleCompiler().compile(RuleSources.read(Path.of("rules")));
        engine = new RuleEngine(10_000);
        noRules =
                KnowledgeBaseFactory.newKnowledgeBase(KieServices.get().newKieBaseConfiguration())
                        .newKieSessionsPool(4);
        // Same answers on both sides, or the comparison means nothing.
        for (OperatorProfile p : profiles) {
            Outcome o = engine.classify(rules, Facts.of(p, AS_OF, rules));
            ReferenceModel.Result r = ReferenceModel.classify(p, AS_OF);
            if (o.tier() != r.tier()
                    || o.stage() != r.stage()
                    || o.fullStack() != r.fullStack()
                    || !o.risks().keySet().equals(r.risks())) {
                throw new IllegalStateException(
                        p.ticker()
                                + ": engine "
                                + o.tier()
                                + "/"
                                + o.stage()
                                + " vs reference "
                                + r.tier()
                                + "/"
                                + r.stage());
            }
        }
    }

    /** The floor: MODEL.md in plain Java. */
    @Benchmark
    @OperationsPerInvocation(SEED)
    public void floor(Blackhole bh) {
        for (OperatorProfile p : profiles) {
            bh.consume(ReferenceModel.classify(p, AS_OF));
        }
    }

    /**
     * The rule engine as the service calls it: facts of the profile, a session, the rules, the
     * outcome.
     */
    @Benchmark
    @OperationsPerInvocation(SEED)
    public void engine(Blackhole bh) {
        for (OperatorProfile p : profiles) {
            bh.consume(engine.classify(rules, Facts.of(p, AS_OF, rules)));
        }
    }

    /**
     * The engine plus the response record (metrics rounding, risks, rule-set reference):
     * Classifier's work.
     */
    @Benchmark
    @OperationsPerInvocation(SEED)
    public void engineToClassification(Blackhole bh) {
        for (OperatorProfile p : profiles) {
            Facts facts = Facts.of(p, AS_OF, rules);
            Outcome outcome = engine.classify(rules, facts);
            bh.consume(Classifier.toClassification(p.ticker(), facts, outcome, rules, AS_OF));
        }
    }

    /** The facts alone: the arithmetic the floor also does, in the shape the rules match. */
    @Benchmark
    @OperationsPerInvocation(SEED)
    public void factsOnly(Blackhole bh) {
        for (OperatorProfile p : profiles) {
            bh.consume(Facts.of(p, AS_OF, rules));
        }
    }

    /**
     * Drools' fixed cost, with no rule at all: take a pooled session of an empty KieBase, insert
     * the same facts, fire, give it back. No engine built on KieSessions can classify faster than
     * this.
     */
    @Benchmark
    @OperationsPerInvocation(SEED)
    public void droolsNoRules(Blackhole bh) {
        for (OperatorProfile p : profiles) {
            Facts facts = Facts.of(p, AS_OF, rules);
            KieSession session = noRules.newKieSession();
            try {
                session.insert(facts.operator());
                facts.sites().forEach(session::insert);
                facts.deals().forEach(session::insert);
                bh.consume(session.fireAllRules(10_000));
            } finally {
                session.dispose();
            }
        }
    }
}
