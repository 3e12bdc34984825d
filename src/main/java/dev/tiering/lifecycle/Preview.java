package dev.tiering.lifecycle;

/**
 * What a candidate would do if it went live now, measured against the rule set that was active when
 * the preview was made.
 *
 * @param activeVersion the version serving when the preview was made; null before the first rule
 *     set
 */
public record Preview(Candidate candidate, String activeVersion, Impact impact) {

    /** The preview as the answer of a dry run. */
    public ReloadReport asDryRun() {
        return new ReloadReport(
                candidate.rules().version(),
                activeVersion,
                true,
                false,
                candidate.scenariosPassed(),
                impact.changes(),
                impact.timelineChanges(),
                candidate.skipped());
    }
}
