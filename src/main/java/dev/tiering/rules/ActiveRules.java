package dev.tiering.rules;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.interceptor.Interceptor;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Holds the rule set that serves requests. Requests read it once and keep that version to the end, so a swap
 * never changes rules under a request in flight.
 */
@ApplicationScoped
public class ActiveRules {
    private static final Logger LOG = Logger.getLogger(ActiveRules.class);

    private final RulesConfig config;
    private final RuleCompiler compiler = new RuleCompiler();
    private final RuleEngine engine;
    private final AtomicReference<RuleSet> active = new AtomicReference<>();

    public ActiveRules(RulesConfig config) {
        this.config = config;
        this.engine = new RuleEngine(config.maxFirings());
    }

    /** Compiles the folder at start; a folder that does not compile stops the service, naming file and line. */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION) StartupEvent event) {
        if (active.get() != null) {
            return;
        }
        try {
            RuleSet rules = compiler.compile(folder());
            active.set(rules);
            LOG.infof("Rule set %s loaded from %s: %d files", rules.version(), folder().toAbsolutePath(),
                    rules.files().size());
        } catch (RuleCompilationException e) {
            e.errors().forEach(err -> LOG.errorf("Rule error %s", err));
            throw new IllegalStateException("The rule folder " + folder().toAbsolutePath()
                    + " does not compile: " + e.getMessage(), e);
        }
    }

    public Path folder() {
        return Path.of(config.dir());
    }

    /** The rule set serving now; never null once the service has started. */
    public RuleSet current() {
        RuleSet rules = active.get();
        if (rules == null) {
            throw new IllegalStateException("no rule set loaded");
        }
        return rules;
    }

    public boolean loaded() {
        return active.get() != null;
    }

    public RuleEngine engine() {
        return engine;
    }

    public RuleCompiler compiler() {
        return compiler;
    }

    /** Makes {@code next} the serving rule set if {@code expected} still is; false if someone swapped first. */
    public boolean swap(RuleSet expected, RuleSet next) {
        return active.compareAndSet(expected, next);
    }
}
