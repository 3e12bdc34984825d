package dev.tiering.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiering.engine.Classifier;
import dev.tiering.engine.RuleSet;
import dev.tiering.engine.RuleSources;
import dev.tiering.lifecycle.ActiveRules;
import dev.tiering.lifecycle.ReloadReport;
import dev.tiering.lifecycle.RuleLifecycle;
import dev.tiering.lifecycle.RulesCopy;
import dev.tiering.model.Classification;
import dev.tiering.model.OperatorProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A store of 10,000 operators and a rule change that moves nobody (a comment): every operator is
 * stamped with the new version, and not one history row is written. The 10,000 are this class's
 * (tickers {@code NOOP-…}), stored beside whatever the shared service holds, and deleted after.
 */
@QuarkusTest
@TestProfile(RulesCopy.SeededStore.class)
class NoOpReloadAtScaleTest {
    static final int OPERATORS = 10_000;
    static final String PREFIX = "NOOP-";

    @Inject Database db;
    @Inject OperatorService operators;
    @Inject Classifier classifier;
    @Inject ActiveRules active;
    @Inject RuleLifecycle lifecycle;
    @Inject Seeder seeder;

    @AfterEach
    void deleteMineAndRestoreTheRules() {
        // the history goes with its operator (ON DELETE CASCADE)
        db.transaction(
                c -> {
                    try (PreparedStatement d =
                            c.prepareStatement("DELETE FROM operator WHERE ticker LIKE ?")) {
                        d.setString(1, PREFIX + "%");
                        return d.executeUpdate();
                    }
                });
        RulesCopy.restore(RulesCopy.dir());
        lifecycle.reload(() -> RuleSources.read(RulesCopy.dir()), false, "admin");
    }

    @Test
    void a_comment_changes_the_version_of_ten_thousand_operators_and_writes_no_history()
            throws Exception {
        long historyBefore = count("SELECT COUNT(*) FROM classification_history");
        fill();
        long history = count("SELECT COUNT(*) FROM classification_history");
        assertThat(history).isEqualTo(historyBefore + OPERATORS);

        Path risks = RulesCopy.dir().resolve("risks.drl");
        Files.writeString(
                risks,
                Files.readString(risks) + "\n// A comment changes the version, not the answers.\n");
        ReloadReport report =
                lifecycle.reload(() -> RuleSources.read(RulesCopy.dir()), false, "admin");

        assertThat(report.activated()).isTrue();
        assertThat(report.changes()).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM classification_history")).isEqualTo(history);
        assertThat(
                        count(
                                "SELECT COUNT(*) FROM operator WHERE ticker LIKE '"
                                        + PREFIX
                                        + "%' AND rule_set_version = '"
                                        + report.version()
                                        + "'"))
                .isEqualTo(OPERATORS);
        assertThat(
                        count(
                                "SELECT COUNT(*) FROM operator WHERE rule_set_version <> '"
                                        + report.version()
                                        + "'"))
                .isZero();
    }

    /**
     * 10,000 operators, variants of the research note's under other tickers, stored as the service
     * stores them (with history). A variant differs from its original in the ticker alone, which no
     * rule reads, so each original is classified once and its classification given the variant's
     * ticker.
     */
    private void fill() {
        List<OperatorProfile> seed = seeder.read().stream().map(Seeder.SeedEntry::profile).toList();
        RuleSet rules = active.current();
        List<Classification> classified =
                seed.stream().map(p -> classifier.classify(rules, p, null)).toList();
        for (int start = 0; start < OPERATORS; start += 1000) {
            int from = start;
            db.transaction(
                    c -> {
                        List<HistoryRow> history = new ArrayList<>();
                        for (int i = from; i < from + 1000; i++) {
                            OperatorProfile base = seed.get(i % seed.size());
                            Classification cl = classified.get(i % seed.size());
                            String ticker = String.format(PREFIX + "%05d", i);
                            OperatorProfile p =
                                    new OperatorProfile(
                                            ticker,
                                            base.name(),
                                            base.sites(),
                                            base.gpuCloud(),
                                            base.miningRevenueShare(),
                                            base.deals());
                            OperatorRow row =
                                    operators.row(
                                            p,
                                            new Classification(
                                                    ticker,
                                                    cl.tier(),
                                                    cl.stage(),
                                                    cl.stages(),
                                                    cl.fullStack(),
                                                    cl.metrics(),
                                                    cl.risks(),
                                                    cl.reasons(),
                                                    cl.gaps(),
                                                    cl.ruleSet(),
                                                    cl.asOf()),
                                            rules);
                            OperatorRepository.insert(c, row);
                            history.add(
                                    OperatorService.history(
                                            row, Cause.PROFILE, "profile created", "test"));
                        }
                        HistoryRepository.append(c, history);
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
