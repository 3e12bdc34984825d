package dev.tiering.scenario;

import dev.tiering.model.OperatorProfile;
import dev.tiering.model.RiskCode;
import dev.tiering.model.Stage;
import dev.tiering.model.Tier;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * An expected case from {@code rules/scenarios/}: a profile and what the rules must say about it.
 * Every candidate rule set has to agree with every scenario before it goes live (format:
 * rules/scenarios/README.md).
 *
 * @param file path relative to the rule folder, e.g. {@code scenarios/iren.json}
 * @param asOf the date deals are counted on; null: the day the check runs
 * @param expect what must come out; parts left out of the file are not checked
 * @param assumes the thresholds (DRL functions, e.g. {@code establishedBacklogUsd}) the expectation
 *     was written for; a candidate with other values skips the scenario and says so, instead of
 *     refusing
 */
public record Scenario(
        String file,
        String name,
        String description,
        LocalDate asOf,
        OperatorProfile profile,
        Expect expect,
        Map<String, Double> assumes) {

    /**
     * The expected outcome. {@code stage}, {@code risks} and {@code fullStack} are checked only
     * when the file states them ({@code checkStage} tells {@code "stage": null}, which expects no
     * stage, from a file without {@code "stage"}).
     */
    public record Expect(
            Tier tier, boolean checkStage, Stage stage, Set<RiskCode> risks, Boolean fullStack) {}
}
