package dev.tiering.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiering.cluster.Reclassifier;
import dev.tiering.config.LimitsConfig;
import dev.tiering.config.RulesConfig;
import dev.tiering.engine.Classifier;
import dev.tiering.engine.RuleCompiler;
import dev.tiering.engine.RuleEngine;
import dev.tiering.lifecycle.ActiveRules;
import dev.tiering.lifecycle.ArchivedRules;
import dev.tiering.lifecycle.CandidateVetting;
import dev.tiering.lifecycle.CheckerProcess;
import dev.tiering.lifecycle.CompiledCache;
import dev.tiering.lifecycle.RuleFolder;
import dev.tiering.lifecycle.RuleLifecycle;
import dev.tiering.model.ProfileLimits;
import dev.tiering.model.ProfileValidator;
import dev.tiering.scenario.ScenarioCheck;
import dev.tiering.scenario.ScenarioReader;
import dev.tiering.store.ArchivedClasses;
import dev.tiering.store.RuleArchive;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Makes CDI beans of the plain-Java core (model, engine, scenarios, lifecycle), which know nothing
 * of CDI, from the configuration. One instance of each per service ({@code @Singleton}: final
 * classes and records need no proxy).
 */
@ApplicationScoped
public class Wiring {
    @Produces
    @Singleton
    ProfileLimits limits(LimitsConfig config) {
        return config.limits();
    }

    @Produces
    @Singleton
    ProfileValidator validator(ProfileLimits limits) {
        return new ProfileValidator(limits);
    }

    @Produces
    @Singleton
    RuleEngine engine(RulesConfig config) {
        return new RuleEngine(config.maxFirings());
    }

    @Produces
    @Singleton
    Classifier classifier(RuleEngine engine, Clock clock) {
        return new Classifier(engine, clock);
    }

    @Produces
    @Singleton
    ActiveRules activeRules() {
        return new ActiveRules();
    }

    @Produces
    @Singleton
    RuleFolder ruleFolder(RulesConfig config) {
        return new RuleFolder(Path.of(config.dir()));
    }

    @Produces
    @Singleton
    RuleCompiler compiler(Clock clock) {
        return new RuleCompiler(RuleCompiler.class.getClassLoader(), clock);
    }

    /**
     * The checker JVM each new candidate goes to first; none where {@code
     * tiering.rules.isolated-check} is off (the tests, quarkus:dev).
     */
    @Produces
    @Singleton
    CandidateVetting vetting(RulesConfig config, ObjectMapper json) {
        return config.isolatedCheck()
                ? new CheckerProcess(config.checkHeap(), config.checkTimeout(), json)
                : CandidateVetting.NONE;
    }

    @Produces
    @Singleton
    RuleLifecycle lifecycle(
            ActiveRules active,
            RuleCompiler compiler,
            ObjectMapper json,
            ProfileValidator validator,
            RuleEngine engine,
            Reclassifier store,
            RuleArchive archive,
            CandidateVetting vetting,
            ArchivedClasses compiled,
            Clock clock) {
        return new RuleLifecycle(
                active,
                compiler,
                new ScenarioReader(json, validator),
                new ScenarioCheck(engine, clock),
                store,
                archive,
                vetting,
                CompiledCache.first(
                        compiled, CompiledCache.bundled(RuleCompiler.class.getClassLoader())),
                clock);
    }

    /** Archived versions compiled for replay; four kept (a KieBase is about half a megabyte). */
    @Produces
    @Singleton
    ArchivedRules archivedRules(ActiveRules active, RuleArchive archive, RuleCompiler compiler) {
        return new ArchivedRules(active, archive, compiler, 4);
    }
}
