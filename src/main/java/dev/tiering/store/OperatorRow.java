package dev.tiering.store;

import dev.tiering.model.Stage;
import dev.tiering.model.Tier;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A row of {@code operator}: the stored profile (a JSON document with its deals) and its current
 * classification (a JSON document, with its tier, stage, risk codes and version in columns for
 * queries and for telling a change). Never leaves the store.
 *
 * @param risks the risk codes, comma-separated in the codes' order; null in rows written before the
 *     column existed
 */
public record OperatorRow(
        String ticker,
        String name,
        String profileJson,
        Tier tier,
        Stage stage,
        boolean fullStack,
        String risks,
        String classificationJson,
        String ruleSetVersion,
        LocalDate classifiedOn,
        Instant updatedAt) {

    /** What history records a change of: tier, stage, full stack and the set of risks. */
    public Outline outline() {
        return new Outline(tier, stage, fullStack, risks);
    }
}
