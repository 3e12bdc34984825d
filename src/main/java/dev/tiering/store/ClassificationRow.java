package dev.tiering.store;

import dev.tiering.engine.facts.ScreenCandidate;
import dev.tiering.model.Stage;
import dev.tiering.model.Tier;
import java.time.LocalDate;

/**
 * A row of {@code classification}: an operator's current classification, small. What history
 * records a change of (tier, stage, full stack, risks), the figures the screen ranks by, a digest
 * of the whole classification (reasons and gaps included: two classifications with one digest are
 * the same answer), the rule set and date that produced it, the sequence number its last write
 * took, and the bucket of the screen's candidates it falls in. The document itself is worked out
 * again from the profile when it is read.
 *
 * @param risks the risk codes, comma-separated in the codes' order; null in rows written before
 *     they were recorded
 * @param digest 0 where unknown (a row moved over from the first schema): never equal to a
 *     classification's
 * @param seq 0 before the row is written
 */
public record ClassificationRow(
        String ticker,
        Tier tier,
        Stage stage,
        boolean fullStack,
        String risks,
        double backlogUsd,
        double contractQualityUsd,
        boolean inHouseCloud,
        double northAmericaAiMw,
        long digest,
        String ruleSetVersion,
        LocalDate classifiedOn,
        long seq,
        int bucket) {

    /** What history records a change of. */
    public Outline outline() {
        return new Outline(tier, stage, fullStack, risks);
    }

    /** This operator as the screen rules see it. */
    public ScreenCandidate candidate() {
        return new ScreenCandidate(
                ticker,
                tier,
                fullStack,
                backlogUsd,
                contractQualityUsd,
                inHouseCloud,
                northAmericaAiMw);
    }

    /** Whether the classification is the same answer as {@code other}'s, whoever produced it. */
    public boolean sameAs(ClassificationRow other) {
        return digest != 0 && digest == other.digest;
    }
}
