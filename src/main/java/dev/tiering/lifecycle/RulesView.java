package dev.tiering.lifecycle;

import dev.tiering.engine.RuleSet;
import dev.tiering.model.CounterpartyType;
import dev.tiering.model.RiskCode;
import dev.tiering.model.Service;
import dev.tiering.model.Stage;
import dev.tiering.model.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The active rule set as {@code GET /rules} shows it: what it is, what it was checked against, the
 * last refused reload (null once a reload succeeds), and the words and numbers a client needs to
 * draw the model without copying them (thresholds, the rule behind each tier, the words of the
 * codes).
 *
 * @param scenarios how many scenarios the active rule set passed
 * @param watching whether the service reloads by itself when the folder changes
 * @param folderVersion the version of the rule folder as it is now (null if it cannot be read)
 * @param folderDiffers whether the folder holds another version than the active one: after a
 *     rollback, or an edit that was refused, until the folder's next change goes live
 */
public record RulesView(
        String version,
        Instant loadedAt,
        List<RuleSet.RuleFile> files,
        RuleLifecycle.LastError lastError,
        int scenarios,
        boolean watching,
        List<RuleSet.Threshold> thresholds,
        List<TierRule> tiers,
        Words words,
        String folderVersion,
        boolean folderDiffers) {

    /** The rule that assigns a tier (its {@code @tier} metadata), with the tier's words. */
    public record TierRule(Tier tier, String label, String rule, String file) {}

    /** What each code of the model reads as in prose. */
    public record Words(
            Map<Tier, String> tiers,
            Map<Stage, String> stages,
            Map<RiskCode, String> risks,
            Map<CounterpartyType, String> counterpartyTypes,
            Map<Service, String> services) {

        static final Words ALL =
                new Words(
                        words(Tier.values(), Tier::words),
                        words(Stage.values(), Stage::words),
                        words(RiskCode.values(), RiskCode::words),
                        words(CounterpartyType.values(), CounterpartyType::words),
                        words(Service.values(), Service::words));

        private static <E extends Enum<E>> Map<E, String> words(
                E[] values, java.util.function.Function<E, String> f) {
            Map<E, String> out = new LinkedHashMap<>();
            for (E e : values) {
                out.put(e, f.apply(e));
            }
            return java.util.Collections.unmodifiableMap(out);
        }
    }

    public static RulesView of(
            RuleSet rules,
            RuleLifecycle.LastError lastError,
            int scenarios,
            boolean watching,
            String folderVersion) {
        List<TierRule> tiers = new ArrayList<>();
        for (Tier tier : Tier.values()) {
            for (RuleSet.RuleInfo rule : rules.rules()) {
                Object meta = rule.metaData().get("tier");
                if (meta != null
                        && tier.name().equals(String.valueOf(meta).replace("\"", "").strip())) {
                    tiers.add(new TierRule(tier, tier.words(), rule.name(), rule.file()));
                }
            }
        }
        return new RulesView(
                rules.version(),
                rules.loadedAt(),
                rules.files(),
                lastError,
                scenarios,
                watching,
                rules.thresholds(),
                List.copyOf(tiers),
                Words.ALL,
                folderVersion,
                folderVersion != null && !folderVersion.equals(rules.version()));
    }
}
