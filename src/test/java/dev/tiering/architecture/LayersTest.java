package dev.tiering.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The layers of docs/architecture.md, bottom to top: {@code model} (the shared words), {@code
 * engine} (rules compiled and run), {@code codec} (the JSON dialect), {@code scenario} (scenario
 * files and their check), {@code lifecycle} (candidate → gate → active), {@code config}, {@code
 * store} (JDBC and migrations), {@code operators} (the operators' use cases), {@code cluster} (work
 * one replica does for all), {@code web}, {@code cli}, and {@code app} (CDI wiring and start-up).
 * Each depends only on layers below it, no package cycle exists, and the core (model to lifecycle)
 * knows nothing of Quarkus, CDI or JDBC, so it runs in a plain {@code main}.
 */
@Execution(ExecutionMode.CONCURRENT)
class LayersTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.tiering");
    }

    @Test
    void dependencies_point_down() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("model")
                .definedBy("dev.tiering.model..")
                .layer("engine")
                .definedBy("dev.tiering.engine..")
                .layer("codec")
                .definedBy("dev.tiering.codec..")
                .layer("scenario")
                .definedBy("dev.tiering.scenario..")
                .layer("lifecycle")
                .definedBy("dev.tiering.lifecycle..")
                .layer("config")
                .definedBy("dev.tiering.config..")
                .layer("store")
                .definedBy("dev.tiering.store..")
                .layer("operators")
                .definedBy("dev.tiering.operators..")
                .layer("cluster")
                .definedBy("dev.tiering.cluster..")
                .layer("web")
                .definedBy("dev.tiering.web..")
                .layer("cli")
                .definedBy("dev.tiering.cli..")
                .layer("app")
                .definedBy("dev.tiering.app..")
                .whereLayer("app")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("cli")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("web")
                .mayOnlyBeAccessedByLayers("app")
                .whereLayer("cluster")
                .mayOnlyBeAccessedByLayers("app")
                .whereLayer("operators")
                .mayOnlyBeAccessedByLayers("cluster", "web", "app")
                .whereLayer("store")
                .mayOnlyBeAccessedByLayers("operators", "cluster", "web", "app")
                .whereLayer("config")
                .mayOnlyBeAccessedByLayers("store", "operators", "cluster", "web", "app")
                .whereLayer("lifecycle")
                .mayOnlyBeAccessedByLayers("store", "operators", "cluster", "web", "cli", "app")
                .whereLayer("scenario")
                .mayOnlyBeAccessedByLayers(
                        "lifecycle", "store", "operators", "cluster", "web", "cli", "app")
                .whereLayer("codec")
                .mayOnlyBeAccessedByLayers(
                        "scenario",
                        "lifecycle",
                        "store",
                        "operators",
                        "cluster",
                        "web",
                        "cli",
                        "app")
                .whereLayer("engine")
                .mayOnlyBeAccessedByLayers(
                        "scenario",
                        "lifecycle",
                        "store",
                        "operators",
                        "cluster",
                        "web",
                        "cli",
                        "app")
                .whereLayer("model")
                .mayOnlyBeAccessedByLayers(
                        "engine",
                        "codec",
                        "scenario",
                        "lifecycle",
                        "config",
                        "store",
                        "operators",
                        "cluster",
                        "web",
                        "cli",
                        "app")
                .check(classes);
    }

    @Test
    void no_package_cycles() {
        slices().matching("dev.tiering.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void the_core_runs_without_quarkus_cdi_or_jdbc() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.tiering.model..",
                        "dev.tiering.engine..",
                        "dev.tiering.codec..",
                        "dev.tiering.scenario..",
                        "dev.tiering.lifecycle..",
                        "dev.tiering.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.quarkus..",
                        "jakarta.enterprise..",
                        "jakarta.inject..",
                        "jakarta.ws.rs..",
                        "java.sql..",
                        "io.agroal..",
                        "io.vertx..",
                        "io.smallrye..",
                        "org.eclipse.microprofile..",
                        "io.micrometer..")
                .check(classes);
    }

    @Test
    void model_and_engine_know_no_json() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.tiering.model..", "dev.tiering.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "com.fasterxml.jackson.databind..", "com.fasterxml.jackson.core..")
                .check(classes);
    }

    @Test
    void the_model_is_plain_words() {
        noClasses()
                .that()
                .resideInAPackage("dev.tiering.model..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.kie..", "org.drools..")
                .check(classes);
    }
}
