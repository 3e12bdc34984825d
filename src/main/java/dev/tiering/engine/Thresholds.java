package dev.tiering.engine;

import java.util.OptionalDouble;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.kie.api.definition.KiePackage;

/**
 * Reads a threshold of a compiled rule set: the value of a no-argument DRL function such as
 * {@code massiveBacklogUsd()}, so that scenarios can say which thresholds they were written for.
 */
public final class Thresholds {
    private Thresholds() {
    }

    /** The value of the function {@code name} in the rule set, or empty if no file declares it. */
    public static OptionalDouble value(RuleSet rules, String name) {
        InternalKnowledgeBase base = (InternalKnowledgeBase) rules.kieBase();
        for (KiePackage pkg : base.getKiePackages()) {
            if (!((InternalKnowledgePackage) pkg).getFunctions().containsKey(name)) {
                continue;
            }
            // Drools compiles a DRL function into a class named after it, with a static method of the same name.
            String className = pkg.getName() + "." + Character.toUpperCase(name.charAt(0)) + name.substring(1);
            try {
                Object value = base.getRootClassLoader().loadClass(className).getMethod(name).invoke(null);
                if (value instanceof Number n) {
                    return OptionalDouble.of(n.doubleValue());
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.empty();
    }
}
