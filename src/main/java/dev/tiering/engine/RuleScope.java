package dev.tiering.engine;

import dev.tiering.engine.facts.ScreenCandidate;
import java.util.List;
import org.drools.base.base.ClassObjectType;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.kie.api.definition.rule.Rule;

/**
 * What a rule looks at, and so which of the engine's two entry points can fire it: {@link
 * #CLASSIFICATION} rules match the facts of one operator ({@link RuleEngine#classify}), {@link
 * #SCREEN} rules match {@link ScreenCandidate}s, every stored operator at once ({@link
 * RuleEngine#screen}). A scenario classifies one operator, so only classification rules can be
 * fired by one; the check command counts its coverage over those.
 */
public enum RuleScope {
    CLASSIFICATION,
    SCREEN;

    /**
     * The scope of one rule of {@code rules}: {@link #SCREEN} if any of its patterns matches a
     * screen candidate.
     */
    public static RuleScope of(RuleSet rules, RuleSet.RuleInfo info) {
        Rule rule = rules.kieBase().getRule(info.packageName(), info.name());
        if (rule instanceof RuleImpl impl
                && matchesScreenCandidate(impl.getLhs().getNestedElements())) {
            return SCREEN;
        }
        return CLASSIFICATION;
    }

    private static boolean matchesScreenCandidate(List<? extends RuleConditionElement> elements) {
        for (RuleConditionElement e : elements) {
            if (e instanceof Pattern p
                    && p.getObjectType() instanceof ClassObjectType type
                    && ScreenCandidate.class.getName().equals(type.getClassName())) {
                return true;
            }
            if (e != null && matchesScreenCandidate(e.getNestedElements())) {
                return true;
            }
        }
        return false;
    }
}
