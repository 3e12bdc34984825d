package dev.tiering.engine.facts;

import dev.tiering.model.Stage;

/** Result fact: a stage the operator has reached, and what shows it. */
public record StageEvidence(Stage stage, String evidence) {
    public Stage getStage() {
        return stage;
    }
}
