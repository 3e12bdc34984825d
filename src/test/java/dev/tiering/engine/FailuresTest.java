package dev.tiering.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

@Execution(ExecutionMode.CONCURRENT)
class FailuresTest {

    @Test
    void a_failure_is_told_by_the_message_at_its_origin_not_by_its_wrappers() {
        var origin = new ArithmeticException("/ by zero");
        var wrapped =
                new RuntimeException(
                        "Error evaluating constraint", new InvocationTargetException(origin));
        assertThat(Failures.rootMessage(wrapped)).isEqualTo("/ by zero");
    }

    @Test
    void a_failure_without_a_message_says_so_and_never_names_a_java_class() {
        var silent = new IllegalStateException(new NullPointerException());
        String message = Failures.rootMessage(silent);
        assertThat(message).isEqualTo("an error without a message");
        assertThat(Failures.rootMessage(new RuntimeException("  "))).isEqualTo(message);
    }

    @Test
    void the_message_is_stripped_of_surrounding_blanks() {
        assertThat(Failures.rootMessage(new RuntimeException("\n  budget exceeded \n")))
                .isEqualTo("budget exceeded");
    }

    @Test
    void a_chain_of_causes_that_loops_back_still_ends() {
        var first = new RuntimeException("first");
        var second = new RuntimeException("second", first);
        first.initCause(second);
        assertThat(Failures.rootMessage(first)).isEqualTo("second");
    }
}
