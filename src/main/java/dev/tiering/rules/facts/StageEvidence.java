package dev.tiering.rules.facts;

import dev.tiering.classification.Stage;

/** Result fact: a stage the operator has reached, and what shows it. */
public record StageEvidence(Stage stage, String evidence) {
    public Stage getStage() { return stage; }
}
