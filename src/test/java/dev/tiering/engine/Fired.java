package dev.tiering.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiering.model.Reason;
import java.util.List;

/** Which rules fired in an outcome, and what they said. */
final class Fired {
    private Fired() {}

    /** Names of the rules of one file that fired, in firing order (a rule once per firing). */
    static List<String> in(Outcome outcome, String file) {
        return outcome.reasons().stream()
                .filter(r -> r.file().equals(file))
                .map(Reason::rule)
                .toList();
    }

    /**
     * The messages of one rule, asserting it fired at least once and every firing names {@code
     * file}.
     */
    static List<String> messages(Outcome outcome, String rule, String file) {
        List<Reason> reasons =
                outcome.reasons().stream().filter(r -> r.rule().equals(rule)).toList();
        assertThat(reasons).as("reasons of rule '%s' in %s", rule, outcome.reasons()).isNotEmpty();
        assertThat(reasons)
                .as("file of rule '%s'", rule)
                .allSatisfy(r -> assertThat(r.file()).isEqualTo(file));
        return reasons.stream().map(Reason::message).toList();
    }

    /** The single message of a rule that fired exactly once. */
    static String message(Outcome outcome, String rule, String file) {
        List<String> messages = messages(outcome, rule, file);
        assertThat(messages).as("firings of rule '%s'", rule).hasSize(1);
        return messages.get(0);
    }

    static boolean fired(Outcome outcome, String rule) {
        return outcome.reasons().stream().anyMatch(r -> r.rule().equals(rule));
    }
}
