package dev.tiering.lifecycle;

import dev.tiering.model.TierChange;
import java.util.List;

/**
 * What a candidate would do if it went live now: the stored operators whose tier it moves, measured against the
 * rule set that was active when the preview was made.
 *
 * @param activeVersion the version serving when the preview was made; null before the first rule set
 */
public record Preview(Candidate candidate, String activeVersion, List<TierChange> changes) {

    /** The preview as the answer of a dry run. */
    public ReloadReport asDryRun() {
        return new ReloadReport(candidate.rules().version(), activeVersion, true, false,
                candidate.scenariosPassed(), changes, candidate.skipped());
    }
}
