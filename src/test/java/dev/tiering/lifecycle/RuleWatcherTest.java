package dev.tiering.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The watcher without Quarkus, over a temp folder and a reload that only counts: a save is picked
 * up within two seconds, a burst is one reload, editor temp files are none, new subfolders are
 * watched, a failing reload does not stop the watch, and stop ends the thread.
 */
@Execution(ExecutionMode.CONCURRENT)
class RuleWatcherTest {
    private static final Duration DEBOUNCE = Duration.ofMillis(300);

    @TempDir Path dir;

    private CountingReload lifecycle;
    private RuleWatcher watcher;

    @BeforeEach
    void startWatching() throws IOException {
        Files.writeString(dir.resolve("tiers.drl"), "// v0\n");
        Files.createDirectories(dir.resolve("scenarios"));
        lifecycle = new CountingReload();
        watcher = new RuleWatcher(dir, DEBOUNCE, lifecycle);
        watcher.start();
    }

    @AfterEach
    void stopWatching() {
        watcher.stop();
    }

    @Test
    void a_save_is_picked_up_within_two_seconds() throws Exception {
        long saved = System.nanoTime();
        Files.writeString(dir.resolve("tiers.drl"), "// v1\n");

        awaitReloads(1, Duration.ofSeconds(5));
        Duration took = Duration.ofNanos(System.nanoTime() - saved);
        assertThat(took).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void a_burst_of_writes_is_one_reload() throws Exception {
        for (int i = 0; i < 5; i++) {
            Files.writeString(dir.resolve("tiers.drl"), "// v" + i + "\n");
            Thread.sleep(DEBOUNCE.toMillis() / 10);
        }
        awaitReloads(1, Duration.ofSeconds(5));
        Thread.sleep(DEBOUNCE.toMillis() * 3);
        assertThat(lifecycle.reloads.get()).isEqualTo(1);
    }

    @Test
    void editor_temp_files_are_not_a_change() throws Exception {
        for (String temp :
                List.of(
                        ".tiers.drl.swp",
                        ".tiers.drl.swx",
                        "4913",
                        "tiers.drl~",
                        "#tiers.drl#",
                        ".#tiers.drl",
                        "tiers.drl.tmp",
                        "tiers.drl___jb_tmp___")) {
            Files.writeString(dir.resolve(temp), "x");
            Files.writeString(dir.resolve("scenarios").resolve(temp), "x");
        }
        Thread.sleep(DEBOUNCE.toMillis() * 4);
        assertThat(lifecycle.reloads.get()).isZero();
    }

    @Test
    void a_saved_scenario_is_a_change_too() throws Exception {
        Files.writeString(dir.resolve("scenarios").resolve("iren.json"), "{}");
        awaitReloads(1, Duration.ofSeconds(5));
    }

    @Test
    void a_new_subfolder_is_watched() throws Exception {
        Files.createDirectories(dir.resolve("more"));
        awaitReloads(1, Duration.ofSeconds(5));
        Thread.sleep(DEBOUNCE.toMillis());
        Files.writeString(dir.resolve("more").resolve("extra.drl"), "// new\n");
        awaitReloads(2, Duration.ofSeconds(5));
    }

    @Test
    void a_failing_reload_does_not_stop_the_watch() throws Exception {
        lifecycle.failNext = true;
        Files.writeString(dir.resolve("tiers.drl"), "// v1\n");
        awaitReloads(1, Duration.ofSeconds(5));
        Thread.sleep(DEBOUNCE.toMillis());
        Files.writeString(dir.resolve("tiers.drl"), "// v2\n");
        awaitReloads(2, Duration.ofSeconds(5));
        assertThat(watcher.running()).isTrue();
    }

    @Test
    void stop_ends_the_thread() {
        assertThat(watcher.running()).isTrue();
        watcher.stop();
        assertThat(watcher.running()).isFalse();
    }

    @Test
    void names_of_editor_leftovers_are_ignored_and_real_files_are_not() {
        assertThat(
                        List.of(
                                ".tiers.drl.swp",
                                "4913",
                                "tiers.drl~",
                                "#tiers.drl#",
                                ".#tiers.drl",
                                "x.tmp",
                                "tiers.drl.swo",
                                ".git"))
                .allMatch(RuleWatcher::isIgnored);
        assertThat(List.of("tiers.drl", "iren.json", "scenarios", "README.md"))
                .noneMatch(RuleWatcher::isIgnored);
    }

    private void awaitReloads(int count, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (lifecycle.reloads.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(lifecycle.reloads.get()).as("reloads").isGreaterThanOrEqualTo(count);
    }

    /** A reload that only counts (and fails once on request). */
    static final class CountingReload implements Runnable {
        final AtomicInteger reloads = new AtomicInteger();
        volatile boolean failNext;

        @Override
        public void run() {
            reloads.incrementAndGet();
            if (failNext) {
                failNext = false;
                throw new IllegalStateException("simulated failure");
            }
        }
    }
}
