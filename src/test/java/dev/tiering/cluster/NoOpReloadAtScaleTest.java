package dev.tiering.cluster;

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
import dev.tiering.operators.OperatorService;
import dev.tiering.operators.Seeder;
import dev.tiering.store.Cause;
import dev.tiering.store.Database;
import dev.tiering.store.HistoryRepository;
import dev.tiering.store.HistoryRow;
import dev.tiering.store.OperatorRepository;
import dev.tiering.store.OperatorRow;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A store of 10,000 operators and a rule change that moves nobody (a comment): every operator is
 * stamped with the new version, and not one history row is written.
 */
@QuarkusTest
@TestProfile(NoOpReloadAtScaleTest.Profile.class)
class NoOpReloadAtScaleTest {
    static final int OPERATORS = 10_000;

    /** Its own copy of the rules, not watched, and its own empty store. */
    public static class Profile extends RulesCopy.Profile {
        @Override
        protected boolean watch() {
            return false;
        }
    }

    @Inject Database db;
    @Inject OperatorService operators;
    @Inject Classifier classifier;
    @Inject ActiveRules active;
    @Inject RuleLifecycle lifecycle;
    @Inject Seeder seeder;

    @Test
    void a_comment_changes_the_version_of_ten_thousand_operators_and_writes_no_history()
            throws Exception {
        fill();
        long historyBefore = count("SELECT COUNT(*) FROM classification_history");
        assertThat(historyBefore).isEqualTo(OPERATORS);

        Path risks = RulesCopy.dir().resolve("risks.drl");
        Files.writeString(
                risks,
                Files.readString(risks) + "\n// A comment changes the version, not the answers.\n");
        ReloadReport report =
                lifecycle.reload(() -> RuleSources.read(RulesCopy.dir()), false, "admin");

        assertThat(report.activated()).isTrue();
        assertThat(report.changes()).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM classification_history")).isEqualTo(historyBefore);
        assertThat(
                        count(
                                "SELECT COUNT(*) FROM operator WHERE rule_set_version = '"
                                        + report.version()
                                        + "'"))
                .isEqualTo(OPERATORS);
        RulesCopy.restore(RulesCopy.dir());
    }

    /**
     * 10,000 operators, variants of the research note's, stored as the service stores them (with
     * history).
     */
    private void fill() {
        List<OperatorProfile> seed = seeder.read().stream().map(Seeder.SeedEntry::profile).toList();
        RuleSet rules = active.current();
        for (int start = 0; start < OPERATORS; start += 1000) {
            int from = start;
            db.transaction(
                    c -> {
                        List<OperatorRow> rows = new ArrayList<>();
                        List<HistoryRow> history = new ArrayList<>();
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
                            Classification cl = classifier.classify(rules, p, null);
                            OperatorRow row = operators.row(p, cl, rules);
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
