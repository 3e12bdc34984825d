package dev.tiering.store;

import static dev.tiering.store.Api.anonymous;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiering.engine.Classifier;
import dev.tiering.engine.RuleEngine;
import dev.tiering.engine.RuleSet;
import dev.tiering.lifecycle.ActiveRules;
import dev.tiering.model.Deal;
import dev.tiering.model.OperatorProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A data folder the first release wrote (its schema, one row per operator with its documents,
 * history, two archived rule sets) opens in this one: every operator, deal, history entry and
 * archived version is found after, each operator classified by the active rules, and history gains
 * an entry only for the operator whose tier the upgrade's reclassification moved. The folder is
 * {@link FullDisk.Profile}'s: one start of the service for the tests that need a store of their
 * own.
 */
@QuarkusTest
@TestProfile(FullDisk.Profile.class)
class MigrationFromV1Test {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject ActiveRules active;

    @Test
    void every_operator_and_its_deals_are_found_each_classified_by_the_active_rules()
            throws Exception {
        Map<String, OperatorProfile> profiles = V1Store.profiles();
        JsonNode list = JSON.readTree(anonymous().get("/operators").asString());
        List<String> tickers = new ArrayList<>();
        list.forEach(o -> tickers.add(o.get("ticker").asText()));
        assertThat(tickers).containsExactlyElementsOf(new TreeSet<>(profiles.keySet()));

        // The service's own rule set, once it is known to be the shipped one: compiling that again
        // here would be this application's first compile, a cold one, for the same answer.
        RuleSet rules = active.current();
        assertThat(rules.version()).isEqualTo(V1Store.active().version());
        Classifier classifier = new Classifier(new RuleEngine(10_000), Clock.systemUTC());
        for (OperatorProfile p : profiles.values()) {
            JsonNode stored = JSON.readTree(anonymous().get("/operators/" + p.ticker()).asString());
            List<String> deals = new ArrayList<>();
            stored.get("profile").get("deals").forEach(d -> deals.add(d.get("id").asText()));
            assertThat(deals)
                    .as("deals of %s", p.ticker())
                    .containsExactlyElementsOf(p.deals().stream().map(Deal::id).toList());
            assertThat(stored.get("profile").get("sites").size()).isEqualTo(p.sites().size());
            JsonNode c = stored.get("classification");
            assertThat(c.get("tier").asText())
                    .as("tier of %s", p.ticker())
                    .isEqualTo(classifier.classify(rules, p, null).tier().name());
            assertThat(c.get("ruleSet").get("version").asText())
                    .isEqualTo(V1Store.active().version());
            assertThat(c.get("reasons").size()).isPositive();
        }
    }

    @Test
    void every_history_entry_is_found_and_only_the_moved_operator_gains_one() throws Exception {
        V1Store.history()
                .forEach(
                        (ticker, expected) -> {
                            JsonNode history;
                            try {
                                history =
                                        JSON.readTree(
                                                anonymous()
                                                        .get("/operators/" + ticker + "/history")
                                                        .asString());
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            List<String> found = new ArrayList<>();
                            history.forEach(
                                    h ->
                                            found.add(
                                                    h.get("cause").asText()
                                                            + ": "
                                                            + h.get("detail").asText()));
                            List<String> want = new ArrayList<>(expected);
                            if (ticker.equals(V1Store.MOVED)) {
                                want.add(0, "RULES: rule set " + V1Store.active().version());
                            }
                            assertThat(found).as("history of %s", ticker).isEqualTo(want);
                        });
    }

    @Test
    void both_archived_versions_and_their_activations_are_found() throws Exception {
        JsonNode versions = JSON.readTree(anonymous().get("/rules/versions").asString());
        List<String> found = new ArrayList<>();
        versions.forEach(
                v -> found.add(v.get("version").asText() + " by " + v.get("activatedBy").asText()));
        assertThat(found)
                .containsExactly(
                        V1Store.active().version() + " by admin",
                        V1Store.older().version() + " by startup");
        JsonNode older =
                JSON.readTree(
                        anonymous().get("/rules/versions/" + V1Store.older().version()).asString());
        assertThat(older.get("files").size()).isEqualTo(V1Store.older().rules().size());
    }

    @Test
    void the_counts_and_the_screen_see_every_operator() throws Exception {
        JsonNode counts = JSON.readTree(anonymous().get("/operators/counts").asString());
        assertThat(counts.get("total").asLong()).isEqualTo(V1Store.profiles().size());
        long sum = 0;
        for (JsonNode n : counts.get("byTier")) {
            sum += n.asLong();
        }
        assertThat(sum).isEqualTo(V1Store.profiles().size());
        JsonNode screen = JSON.readTree(anonymous().get("/screen").asString());
        assertThat(screen.get("fullStackLeader").asText()).isEqualTo("IREN");
        assertThat(screen.get("contractQualityLeader").asText()).isEqualTo("HUT");
    }
}
