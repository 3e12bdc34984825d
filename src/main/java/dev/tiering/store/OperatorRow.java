package dev.tiering.store;

import dev.tiering.model.Stage;
import dev.tiering.model.Tier;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A row of {@code operator}: the stored profile (a JSON document with its deals) and its current classification
 * (a JSON document, with its tier, stage and version in columns for queries). Never leaves the store.
 */
record OperatorRow(String ticker, String name, String profileJson, Tier tier, Stage stage, boolean fullStack,
        String classificationJson, String ruleSetVersion, LocalDate classifiedOn, Instant updatedAt) {
}
