package dev.tiering.bench;

import dev.tiering.engine.RuleCompiler;
import dev.tiering.engine.RuleSources;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Compiling the rules/ folder into a rule set (read, parse, build the KieBase): {@code cold} is the
 * first compile in a fresh JVM, as at service start (one shot per fork); {@code warm} is a reload
 * in a running service.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CompileBenchmark {
    private RuleCompiler compiler;

    @Setup
    public void setUp() {
        BenchLogging.init();
        compiler = new RuleCompiler();
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @Fork(
            value = 5,
            jvmArgsAppend = {
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-Xms1g",
                "-Xmx1g"
            })
    public Object cold() {
        return compiler.compile(RuleSources.read(Path.of("rules")));
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 5, time = 2)
    @Measurement(iterations = 5, time = 2)
    @Fork(
            value = 1,
            jvmArgsAppend = {
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-Xms1g",
                "-Xmx1g"
            })
    public Object warm() {
        return compiler.compile(RuleSources.read(Path.of("rules")));
    }
}
