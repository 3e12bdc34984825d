package dev.tiering.scenario;

import dev.tiering.engine.Facts;
import dev.tiering.engine.Failures;
import dev.tiering.engine.Outcome;
import dev.tiering.engine.RuleCompilationException;
import dev.tiering.engine.RuleEngine;
import dev.tiering.engine.RuleError;
import dev.tiering.engine.RuleSet;
import dev.tiering.engine.RunawayRuleException;
import dev.tiering.model.Gap;
import dev.tiering.model.Reason;
import dev.tiering.model.RiskCode;
import dev.tiering.model.Stage;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import org.kie.api.runtime.rule.ConsequenceException;

/**
 * Runs scenarios against a candidate rule set and compares each outcome with what the scenario
 * expects. The service's gate ({@link #requirePassing}) refuses a candidate on any failure; the
 * check command reports each result and the rules the scenarios fired. Plain Java: no server, no
 * database.
 */
public final class ScenarioCheck {
    private final RuleEngine engine;
    private final Clock clock;

    public ScenarioCheck(RuleEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    /** The firing limit of one classification. */
    public int maxFirings() {
        return engine.maxFirings();
    }

    /** Checks one scenario. */
    public ScenarioResult run(RuleSet candidate, Scenario s) {
        String unmet;
        try {
            unmet = unmetAssumption(candidate, s);
        } catch (IllegalArgumentException e) {
            return new ScenarioResult(
                    s,
                    List.of(new RuleError(s.file(), 0, 0, e.getMessage())),
                    null,
                    Set.of(),
                    null);
        }
        if (unmet != null) {
            return new ScenarioResult(s, List.of(), unmet, Set.of(), null);
        }
        try {
            LocalDate asOf = s.asOf() != null ? s.asOf() : LocalDate.now(clock);
            Outcome outcome = engine.classify(candidate, Facts.of(s.profile(), asOf, candidate));
            Set<String> fired = new LinkedHashSet<>();
            for (Reason r : outcome.reasons()) {
                fired.add(ScenarioResult.key(r.file(), r.rule()));
            }
            for (Gap g : outcome.gaps()) { // a gap rule says its piece as the gap, not as a reason
                fired.add(ScenarioResult.key(g.file(), g.rule()));
            }
            return new ScenarioResult(s, compare(s, outcome), null, fired, null);
        } catch (RunawayRuleException e) {
            return new ScenarioResult(
                    s,
                    List.of(),
                    null,
                    Set.of(ScenarioResult.key(e.file(), e.rule())),
                    new ScenarioResult.Runaway(e.rule(), e.file(), e.line(), e.what(), e.why()));
        } catch (RuntimeException e) {
            return new ScenarioResult(s, List.of(failure(candidate, s, e)), null, Set.of(), null);
        }
    }

    /**
     * The gate: throws unless every checked scenario passed. It stops at the first scenario on
     * which a rule runs away: that refuses the candidate whatever the rest say, and each such
     * scenario costs the rule's whole budget. The checker's gate ({@code FolderCheck.gate}) does
     * the same.
     *
     * @return the skipped scenarios, each as {@code file: why}
     * @throws RuleCompilationException naming each failing scenario file and each difference
     */
    public List<String> requirePassing(RuleSet candidate, List<Scenario> scenarios) {
        List<String> skipped = new ArrayList<>();
        List<RuleError> errors = new ArrayList<>();
        Map<ScenarioResult.Runaway, List<String>> runaways = new LinkedHashMap<>();
        int failing = 0;
        int ran = 0;
        for (Scenario s : scenarios) {
            if (!runaways.isEmpty()) {
                break;
            }
            ran++;
            ScenarioResult r = run(candidate, s);
            if (r.skipped() != null) {
                skipped.add(r.scenario().file() + SKIPPED_SEPARATOR + r.skipped());
            } else if (r.failed()) {
                failing++;
                errors.addAll(r.errors());
                if (r.runaway() != null) {
                    runaways.computeIfAbsent(r.runaway(), k -> new ArrayList<>())
                            .add(r.scenario().file());
                }
            }
        }
        runaways.forEach((rule, where) -> errors.add(runawayError(rule, where)));
        if (!errors.isEmpty()) {
            throw new RuleCompilationException(
                    failing
                            + " of "
                            + scenarios.size()
                            + " scenarios fail"
                            + (ran < scenarios.size()
                                    ? " (" + (scenarios.size() - ran) + " not run after a runaway)"
                                    : ""),
                    errors);
        }
        return List.copyOf(skipped);
    }

    /** Between a skipped scenario's file and why, in what {@link #requirePassing} answers. */
    private static final String SKIPPED_SEPARATOR = ": ";

    /**
     * What {@link #requirePassing} answers as skipped, grouped by why, in order: one threshold edit
     * skips every scenario that assumes its old value, which is one line of a log, not one per
     * scenario.
     */
    public static Map<String, List<String>> bySameReason(List<String> skipped) {
        Map<String, List<String>> files = new LinkedHashMap<>();
        for (String s : skipped) {
            int at = s.indexOf(SKIPPED_SEPARATOR);
            String file = at < 0 ? s : s.substring(0, at);
            String why = at < 0 ? "was skipped" : s.substring(at + SKIPPED_SEPARATOR.length());
            files.computeIfAbsent(why, k -> new ArrayList<>()).add(file);
        }
        return files;
    }

    /**
     * Null when every threshold the scenario assumes has that value in the candidate; else which
     * one differs.
     *
     * @throws IllegalArgumentException if the scenario assumes a threshold no rule file declares
     */
    static String unmetAssumption(RuleSet candidate, Scenario s) {
        for (Map.Entry<String, Double> a : new TreeMap<>(s.assumes()).entrySet()) {
            OptionalDouble actual = candidate.threshold(a.getKey());
            if (actual.isEmpty()) {
                throw new IllegalArgumentException(
                        "assumes '"
                                + a.getKey()
                                + "', but no rule file declares a"
                                + " function of that name");
            }
            double want = a.getValue();
            if (Math.abs(actual.getAsDouble() - want) > Math.abs(want) * 1e-12) {
                return "assumes "
                        + a.getKey()
                        + " = "
                        + plain(want)
                        + ", the rules have "
                        + plain(actual.getAsDouble());
            }
        }
        return null;
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** The error of a rule that could not finish, on the scenarios where it did not. */
    public RuleError runawayError(ScenarioResult.Runaway rule, List<String> scenarioFiles) {
        return new RuleError(
                rule.file(),
                rule.line(),
                0,
                "rule '"
                        + rule.rule()
                        + "' "
                        + rule.what()
                        + " on "
                        + where(scenarioFiles)
                        + ": "
                        + rule.why());
    }

    private static String where(List<String> scenarioFiles) {
        return scenarioFiles.size() == 1
                ? "scenario " + scenarioFiles.get(0)
                : scenarioFiles.size()
                        + " scenarios ("
                        + String.join(
                                ", ", scenarioFiles.subList(0, Math.min(3, scenarioFiles.size())))
                        + (scenarioFiles.size() > 3 ? ", ..." : "")
                        + ")";
    }

    private static RuleError failure(RuleSet candidate, Scenario s, RuntimeException e) {
        if (e instanceof ConsequenceException c && c.getMatch() != null) {
            var rule = c.getMatch().getRule();
            var info = candidate.info(rule);
            return new RuleError(
                    info.map(RuleSet.RuleInfo::file).orElse("?"),
                    info.map(RuleSet.RuleInfo::line).orElse(0),
                    0,
                    "rule '"
                            + rule.getName()
                            + "' failed on scenario "
                            + s.file()
                            + ": "
                            + Failures.rootMessage(e));
        }
        return new RuleError(
                s.file(), 0, 0, "the rules failed on this scenario: " + Failures.rootMessage(e));
    }

    private static List<RuleError> compare(Scenario s, Outcome o) {
        Scenario.Expect x = s.expect();
        List<RuleError> out = new ArrayList<>();
        if (o.tier() != x.tier()) {
            out.add(
                    new RuleError(
                            s.file(), 0, 0, "expected tier " + x.tier() + " but got " + o.tier()));
        }
        if (x.checkStage() && !Objects.equals(o.stage(), x.stage())) {
            out.add(
                    new RuleError(
                            s.file(),
                            0,
                            0,
                            "expected stage "
                                    + orNone(x.stage())
                                    + " but got "
                                    + orNone(o.stage())));
        }
        if (x.risks() != null) {
            Set<RiskCode> got =
                    o.risks().isEmpty()
                            ? EnumSet.noneOf(RiskCode.class)
                            : EnumSet.copyOf(o.risks().keySet());
            if (!got.equals(x.risks())) {
                out.add(
                        new RuleError(
                                s.file(), 0, 0, "expected risks " + x.risks() + " but got " + got));
            }
        }
        if (x.fullStack() != null && x.fullStack() != o.fullStack()) {
            out.add(
                    new RuleError(
                            s.file(),
                            0,
                            0,
                            "expected fullStack " + x.fullStack() + " but got " + o.fullStack()));
        }
        return out;
    }

    private static String orNone(Stage stage) {
        return stage == null ? "none" : stage.name();
    }
}
