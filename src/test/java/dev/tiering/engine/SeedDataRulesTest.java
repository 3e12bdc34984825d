package dev.tiering.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tiering.model.Tier;
import dev.tiering.model.OperatorProfile;
import dev.tiering.model.ProfileValidator;
import dev.tiering.engine.facts.ScreenCandidate;
import dev.tiering.engine.facts.ScreenPick;
import dev.tiering.engine.facts.ScreenPick.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed operators (src/main/resources/seed/operators.json) through the real rule files: they must reproduce
 * the research note's tier table and its picks (Dragon #1 IREN, Dragon #2 HUT, high potential led by BTDR).
 */
class SeedDataRulesTest {
    private static final String SEED = "/seed/operators.json";

    /** One entry of the seed file: where the facts come from, and the API.md profile. */
    record SeedEntry(String source, OperatorProfile profile) {
    }

    private static List<SeedEntry> seed;
    private static Map<String, Outcome> outcomes;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = SeedDataRulesTest.class.getResourceAsStream(SEED)) {
            assertThat(in).as("classpath resource %s", SEED).isNotNull();
            seed = RulesFixture.JSON.readValue(in, new TypeReference<List<SeedEntry>>() { });
        }
        outcomes = new LinkedHashMap<>();
        for (SeedEntry e : seed) {
            outcomes.put(e.profile().ticker(), RulesFixture.classify(e.profile()));
        }
    }

    @Test
    void seeds_the_thirteen_operators_of_the_note_each_with_a_source() {
        assertThat(seed).extracting(e -> e.profile().ticker()).containsExactly(
                "IREN", "HUT", "APLD", "CIFR", "WULF", "GLXY", "CORZ", "RIOT",
                "BTDR", "MARA", "CLSK", "BITF", "HIVE");
        assertThat(seed).allSatisfy(e -> {
            assertThat(e.source()).isNotBlank();
            assertThat(e.profile().sites()).hasSizeBetween(2, 5);
            assertThat(e.profile().deals()).hasSizeLessThanOrEqualTo(4);
        });
    }

    @Test
    void every_profile_passes_the_api_validation() {
        ProfileValidator validator = new ProfileValidator();
        for (SeedEntry e : seed) {
            assertThatCode(() -> validator.check(e.profile(), ""))
                    .as(e.profile().ticker()).doesNotThrowAnyException();
        }
    }

    @Test
    void tiers_match_the_note() {
        Map<String, Tier> tiers = new LinkedHashMap<>();
        outcomes.forEach((ticker, o) -> tiers.put(ticker, o.tier()));
        assertThat(tiers).containsExactlyEntriesOf(expectedTiers());
    }

    @Test
    void screen_picks_iren_hut_and_bitdeer_first() {
        List<ScreenCandidate> candidates = new ArrayList<>();
        for (SeedEntry e : seed) {
            Outcome o = outcomes.get(e.profile().ticker());
            candidates.add(Facts.of(e.profile(), null).screenCandidate(o.tier(), o.fullStack()));
        }
        List<ScreenPick> picks = new RuleEngine(10_000).screen(RulesFixture.rules(), candidates).picks();

        assertThat(picks).filteredOn(p -> p.kind() == Kind.FULL_STACK_LEADER)
                .extracting(ScreenPick::ticker).containsExactly("IREN");
        assertThat(picks).filteredOn(p -> p.kind() == Kind.CONTRACT_QUALITY_LEADER)
                .singleElement().satisfies(p -> {
                    assertThat(p.ticker()).isEqualTo("HUT");
                    assertThat(p.rankedBy()).isEqualTo(9_800_000_000d); // the note's USD 9.8 B book
                });
        List<String> highPotential = picks.stream().filter(p -> p.kind() == Kind.HIGH_POTENTIAL)
                .sorted(Comparator.comparingDouble(ScreenPick::rankedBy).reversed())
                .map(ScreenPick::ticker).toList();
        assertThat(highPotential).first().isEqualTo("BTDR");
        assertThat(highPotential).doesNotContain("IREN", "HUT", "APLD", "CIFR", "WULF");
    }

    @Test
    void hut_book_is_priced_above_the_notes_density() {
        OperatorProfile hut = seed.stream().map(SeedEntry::profile).filter(p -> p.ticker().equals("HUT"))
                .findFirst().orElseThrow();
        Double density = Facts.of(hut, null).operator().getDensityUsdPerMwYear();
        assertThat(density).isGreaterThan(1_850_000d);
    }

    private static Map<String, Tier> expectedTiers() {
        Map<String, Tier> m = new LinkedHashMap<>();
        for (String t : List.of("IREN", "HUT", "APLD", "CIFR", "WULF")) {
            m.put(t, Tier.TIER_1);
        }
        for (String t : List.of("GLXY", "CORZ", "RIOT")) {
            m.put(t, Tier.TIER_2);
        }
        for (String t : List.of("BTDR", "MARA", "CLSK", "BITF", "HIVE")) {
            m.put(t, Tier.TIER_3);
        }
        return m;
    }
}
