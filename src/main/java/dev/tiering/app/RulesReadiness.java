package dev.tiering.app;

import dev.tiering.engine.RuleSet;
import dev.tiering.lifecycle.ActiveRules;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once a rule set is loaded: without one nothing can be classified. */
@Readiness
@ApplicationScoped
public class RulesReadiness implements HealthCheck {
    private final ActiveRules rules;

    public RulesReadiness(ActiveRules rules) {
        this.rules = rules;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("rules");
        if (!rules.loaded()) {
            return builder.down().withData("loaded", false).build();
        }
        RuleSet current = rules.current();
        return builder.up()
                .withData("loaded", true)
                .withData("version", current.version())
                .withData("loadedAt", current.loadedAt().toString())
                .withData("files", current.files().size())
                .build();
    }
}
