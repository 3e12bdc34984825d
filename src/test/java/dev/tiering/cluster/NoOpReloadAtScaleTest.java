package dev.tiering.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiering.engine.RuleSet;
import dev.tiering.engine.RuleSources;
import dev.tiering.lifecycle.ActiveRules;
import dev.tiering.lifecycle.ReloadReport;
import dev.tiering.lifecycle.RuleLifecycle;
import dev.tiering.lifecycle.RulesCopy;
import dev.tiering.model.OperatorProfile;
import dev.tiering.operators.Classifications;
import dev.tiering.operators.OperatorService;
import dev.tiering.operators.Seeder;
import dev.tiering.store.Cause;
import dev.tiering.store.ClassificationRepository;
import dev.tiering.store.Database;
import dev.tiering.store.HistoryRepository;
import dev.tiering.store.HistoryRow;
import dev.tiering.store.Jdbc;
import dev.tiering.store.OperatorRepository;
import dev.tiering.store.ProfileCodec;
import dev.tiering.store.Tally;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A store of 10,000 operators and a rule change that moves nobody (a comment): every operator reads
 * back with the new version, and the reload writes not one classification row and not one history
 * row: an operator whose answer is the same costs a read.
 */
@QuarkusTest
@TestProfile(RulesCopy.Checked.class)
class NoOpReloadAtScaleTest {
    static final int OPERATORS = 10_000;

    @Inject Database db;
    @Inject OperatorService operators;
    @Inject Classifications classifications;
    @Inject ActiveRules active;
    @Inject RuleLifecycle lifecycle;
    @Inject Seeder seeder;
    @Inject ProfileCodec codec;

    @Test
    void a_comment_changes_the_version_of_ten_thousand_operators_and_writes_nothing()
            throws Exception {
        long historyEmpty = count("SELECT COUNT(*) FROM classification_history");
        fill();
        long historyBefore = count("SELECT COUNT(*) FROM classification_history");
        assertThat(historyBefore - historyEmpty).isEqualTo(OPERATORS);
        long seqBefore = count("SELECT MAX(seq) FROM classification");

        Path risks = RulesCopy.dir().resolve("risks.drl");
        Files.writeString(
                risks,
                Files.readString(risks) + "\n// A comment changes the version, not the answers.\n");
        ReloadReport report =
                lifecycle.reload(() -> RuleSources.read(RulesCopy.dir()), false, "admin");

        assertThat(report.activated()).isTrue();
        assertThat(report.changes()).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM classification_history")).isEqualTo(historyBefore);
        assertThat(count("SELECT MAX(seq) FROM classification"))
                .as("no classification row written")
                .isEqualTo(seqBefore);
        Set<String> versions = new HashSet<>();
        List<String> tickers = new ArrayList<>();
        operators.forEachPage(
                null,
                page ->
                        page.forEach(
                                o -> {
                                    if (o.ticker().matches("S[0-9]{5}")) {
                                        versions.add(o.ruleSetVersion());
                                        tickers.add(o.ticker());
                                    }
                                }));
        assertThat(tickers).hasSize(OPERATORS);
        assertThat(versions).containsExactly(report.version());
        assertThat(operators.require("S00042").classification().ruleSet().version())
                .isEqualTo(report.version());
    }

    /**
     * The rules as shipped and none of the 10,000 operators: the tests sharing this start reload
     * often, and each reload would reclassify them all.
     */
    @AfterEach
    void clear() {
        db.transaction(
                c -> {
                    Tally tally = new Tally();
                    ClassificationRepository.range(c, "S00000", "S99999").forEach(tally::deleted);
                    Jdbc.update(
                            c, "DELETE FROM operator WHERE ticker BETWEEN 'S00000' AND 'S99999'");
                    tally.write(c, Instant.now());
                    return null;
                });
        RulesCopy.restore(RulesCopy.dir());
        lifecycle.reload(() -> RuleSources.read(RulesCopy.dir()), false, "admin");
    }

    /**
     * 10,000 operators, variants of the research note's, stored as the service stores them (with
     * history and the tally).
     */
    private void fill() {
        List<OperatorProfile> seed = seeder.read().stream().map(Seeder.SeedEntry::profile).toList();
        RuleSet rules = active.current();
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        for (int start = 0; start < OPERATORS; start += 1000) {
            int from = start;
            db.transaction(
                    c -> {
                        List<HistoryRow> history = new ArrayList<>();
                        Tally tally = new Tally();
                        Instant now = Instant.now();
                        for (int i = from; i < from + 1000; i++) {
                            OperatorProfile base = seed.get(i % seed.size());
                            OperatorProfile p =
                                    new OperatorProfile(
                                            String.format("S%05d", i),
                                            base.name(),
                                            base.sites(),
                                            base.gpuCloud(),
                                            base.miningRevenueShare(),
                                            base.deals());
                            var row = classifications.classify(rules, p, today).row();
                            OperatorRepository.insert(c, p.ticker(), p.name(), codec.json(p), now);
                            ClassificationRepository.insert(c, row);
                            tally.written(null, row);
                            history.add(
                                    new HistoryRow(
                                            row.ticker(),
                                            now,
                                            row.tier(),
                                            row.stage(),
                                            row.fullStack(),
                                            row.risks(),
                                            row.ruleSetVersion(),
                                            Cause.PROFILE,
                                            "profile created",
                                            "test"));
                        }
                        HistoryRepository.append(c, history);
                        tally.write(c, now);
                        return null;
                    });
        }
    }

    private long count(String sql) {
        return db.read(
                c -> {
                    try (PreparedStatement q = c.prepareStatement(sql);
                            ResultSet rs = q.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                });
    }
}
