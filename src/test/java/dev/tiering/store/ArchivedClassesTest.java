package dev.tiering.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiering.engine.CompiledRules;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The class files of live rule sets kept in the database for the next start and for followers: read
 * back as written, under the engine build that wrote them only, and no more than the newest {@link
 * ArchivedClasses#KEEP} of them.
 */
@QuarkusTest
class ArchivedClassesTest {
    @Inject Database db;

    @AfterEach
    void forgetMine() {
        db.transaction(
                c -> Jdbc.update(c, "DELETE FROM rule_set_classes WHERE version LIKE 'kept-%'"));
    }

    @Test
    void a_rule_sets_class_files_read_back_only_under_the_engine_that_compiled_them() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
        ArchivedClasses mine = new ArchivedClasses(db, clock, "engine-a");
        byte[] bytes = "not really a class".getBytes(StandardCharsets.UTF_8);
        mine.put(new CompiledRules("kept-1", Map.of("rules/R1.class", bytes)));
        mine.put(new CompiledRules("kept-1", Map.of("rules/R1.class", bytes))); // again: no error

        CompiledRules back = mine.get("kept-1");
        assertThat(back.version()).isEqualTo("kept-1");
        assertThat(back.classes()).containsOnlyKeys("rules/R1.class");
        assertThat(back.classes().get("rules/R1.class")).isEqualTo(bytes);
        assertThat(new ArchivedClasses(db, clock, "engine-b").get("kept-1")).isNull();
        assertThat(mine.get("kept-unknown")).isNull();
    }

    @Test
    void only_the_newest_rule_sets_are_kept() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2030-01-01T00:00:00Z"));
        Clock clock =
                new Clock() {
                    @Override
                    public Instant instant() {
                        return now.getAndUpdate(t -> t.plus(Duration.ofSeconds(1)));
                    }

                    @Override
                    public java.time.ZoneId getZone() {
                        return ZoneOffset.UTC;
                    }

                    @Override
                    public Clock withZone(java.time.ZoneId zone) {
                        return this;
                    }
                };
        ArchivedClasses archive = new ArchivedClasses(db, clock, "engine-a");
        int written = ArchivedClasses.KEEP + 3;
        for (int i = 0; i < written; i++) {
            archive.put(new CompiledRules("kept-" + i, Map.of("rules/R.class", new byte[] {1})));
        }

        long kept = db.read(c -> Jdbc.number(c, "SELECT COUNT(*) FROM rule_set_classes"));
        assertThat(kept).isEqualTo(ArchivedClasses.KEEP);
        assertThat(archive.get("kept-" + (written - 1))).isNotNull();
        assertThat(archive.get("kept-0")).isNull();
        assertThat(archive.get("kept-2")).isNull();
        assertThat(archive.get("kept-3")).isNotNull();
    }
}
