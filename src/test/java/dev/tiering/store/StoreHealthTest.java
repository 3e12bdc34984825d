package dev.tiering.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiering.store.StoreUnavailableException.Reason;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** What readiness and the metrics read: the fault, its end, and the data folder's room. */
@Execution(ExecutionMode.CONCURRENT)
class StoreHealthTest {
    @TempDir Path dir;

    @Test
    void a_folder_with_less_room_than_the_minimum_is_low_and_says_how_much_it_has() {
        StoreHealth roomy = new StoreHealth(dir, 0);
        assertThat(roomy.low()).isFalse();
        assertThat(roomy.up()).isTrue();
        assertThat(roomy.freeBytes()).isPresent();

        StoreHealth cramped = new StoreHealth(dir, Long.MAX_VALUE);
        assertThat(cramped.low()).isTrue();
        assertThat(cramped.up()).isFalse();
        assertThat(cramped.lowDetail())
                .contains(dir.toString(), "MB free", "tiering.data.min-free-mb");
    }

    @Test
    void on_postgresql_there_is_no_folder_to_measure() {
        StoreHealth pg = new StoreHealth(null, 256L << 20);
        assertThat(pg.freeBytes()).isEmpty();
        assertThat(pg.low()).isFalse();
    }

    @Test
    void a_fault_is_counted_and_ended_by_a_success_but_a_full_folder_only_by_a_write() {
        StoreHealth h = new StoreHealth(dir, 0);
        assertThat(h.failed(Reason.UNREACHABLE, "away")).isTrue();
        assertThat(h.failed(Reason.UNREACHABLE, "still away")).isFalse();
        assertThat(h.errors(Reason.UNREACHABLE)).isEqualTo(2);
        assertThat(h.fault()).get().extracting(StoreHealth.Fault::detail).isEqualTo("away");
        assertThat(h.succeeded(false)).isPresent();
        assertThat(h.fault()).isEmpty();

        h.failed(Reason.STORAGE_FULL, "full");
        assertThat(h.succeeded(false)).as("a read on a full disk").isEmpty();
        assertThat(h.fault()).isPresent();
        assertThat(h.succeeded(true)).isPresent();
        assertThat(h.up()).isTrue();
    }
}
