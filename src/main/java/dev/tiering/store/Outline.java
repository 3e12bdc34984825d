package dev.tiering.store;

import dev.tiering.model.Classification;
import dev.tiering.model.Risk;
import dev.tiering.model.Stage;
import dev.tiering.model.Tier;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The part of a classification whose change history records: tier, stage, full stack and the set of
 * risks. A classification that differs only in its figures or its wording is the same outline, and
 * adds no history.
 *
 * @param risks the risk codes, comma-separated in the codes' order (empty for none); null when
 *     unknown
 */
public record Outline(Tier tier, Stage stage, boolean fullStack, String risks) {

    public static Outline of(Classification c) {
        return new Outline(c.tier(), c.stage(), c.fullStack(), risks(c));
    }

    public static String risks(Classification c) {
        return c.risks().stream()
                .map(Risk::code)
                .sorted()
                .map(Enum::name)
                .collect(Collectors.joining(","));
    }

    /**
     * Whether {@code next} is a change history should record; an unknown side counts as a change.
     */
    public boolean changedTo(Outline next) {
        return tier != next.tier
                || stage != next.stage
                || fullStack != next.fullStack
                || risks == null
                || !Objects.equals(risks, next.risks);
    }
}
