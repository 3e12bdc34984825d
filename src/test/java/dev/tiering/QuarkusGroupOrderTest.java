package dev.tiering;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTestProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The profiles {@link QuarkusGroupOrder} runs last are named as strings: a renamed profile would
 * quietly fall back to the order by class name, and the suite would take longer without failing.
 */
@Execution(ExecutionMode.CONCURRENT)
class QuarkusGroupOrderTest {
    @Test
    void every_profile_it_runs_last_is_a_test_profile_of_this_suite() throws Exception {
        for (String name : QuarkusGroupOrder.LAST) {
            assertThat(Class.forName(name)).as(name).isAssignableTo(QuarkusTestProfile.class);
        }
    }
}
