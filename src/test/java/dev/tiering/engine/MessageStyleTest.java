package dev.tiering.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiering.engine.facts.ScreenCandidate;
import dev.tiering.model.Classification;
import dev.tiering.model.CounterpartyType;
import dev.tiering.model.DealStatus;
import dev.tiering.model.OperatorProfile;
import dev.tiering.model.RiskCode;
import dev.tiering.model.Service;
import dev.tiering.model.SiteStatus;
import dev.tiering.model.Stage;
import dev.tiering.model.Tier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Every message the rules write reads as MODEL.md prints it: no enum name ("HYPERSCALER",
 * "BARE_METAL"), no "(s)", no "&gt;=" or "-&gt;", no long number left unformatted (11333333.33,
 * 1.0E9). Run over every profile the project ships (seed, scenarios, examples), the screen over the
 * seed, and the random profiles of the reference test.
 */
@Execution(ExecutionMode.CONCURRENT)
class MessageStyleTest {
    private static final Set<String> ENUM_NAMES = enumNames();
    private static final Pattern WORD = Pattern.compile("[A-Z][A-Z0-9_]*");

    /**
     * Four digits or more in a row, not part of a name or id (msft-2025), or more than three
     * decimals.
     */
    private static final Pattern UNFORMATTED =
            Pattern.compile("(?<![\\w.-])\\d{4,}(?![\\w-])|\\d\\.\\d{4,}|\\d[eE][+-]?\\d");

    private static final Classifier CLASSIFIER =
            new Classifier(
                    new RuleEngine(10_000),
                    Clock.fixed(Instant.parse("2026-05-31T12:00:00Z"), ZoneOffset.UTC));

    @Test
    void every_message_of_every_shipped_profile_reads_as_a_research_note() throws IOException {
        Map<String, OperatorProfile> profiles = new LinkedHashMap<>();
        seed().forEach(p -> profiles.put("seed " + p.ticker(), p));
        scenarios().forEach(profiles::put);
        for (String t : List.of("IREN", "GLXY", "BTDR", "HASH")) {
            profiles.put("example " + t, RulesFixture.example(t));
        }
        assertThat(profiles).hasSizeGreaterThan(30);

        List<String> bad = new ArrayList<>();
        profiles.forEach(
                (where, p) ->
                        check(where, CLASSIFIER.classify(RulesFixture.rules(), p, null), bad));

        assertThat(bad).isEmpty();
    }

    @Test
    void every_message_of_the_screen_over_the_seed_reads_as_a_research_note() throws IOException {
        List<ScreenCandidate> candidates = new ArrayList<>();
        for (OperatorProfile p : seed()) {
            Outcome o = RulesFixture.classify(p);
            candidates.add(
                    Facts.of(p, null, RulesFixture.rules())
                            .screenCandidate(o.tier(), o.fullStack()));
        }
        RuleEngine.ScreenOutcome screen =
                new RuleEngine(10_000).screen(RulesFixture.rules(), candidates);

        assertThat(screen.reasons()).isNotEmpty();
        List<String> bad = new ArrayList<>();
        screen.reasons().forEach(r -> check("screen " + r.rule(), r.message(), bad));
        assertThat(bad).isEmpty();
        // a comparison only where it is true: IREN is the one full-stack operator of the seed, so
        // no superlative over a set of one
        assertThat(screen.reasons())
                .anySatisfy(
                        r ->
                                assertThat(r.message())
                                        .isEqualTo(
                                                "IREN is the only full-stack operator, with a"
                                                        + " binding backlog of USD 13.1 B"));
    }

    @Test
    void every_message_of_random_profiles_reads_as_a_research_note() {
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            OperatorProfile p = ReferenceAgreementTest.profile(new Random(20_260_601L + i));
            check("random " + i, CLASSIFIER.classify(RulesFixture.rules(), p, null), bad);
        }
        assertThat(bad).isEmpty();
    }

    @Test
    void the_check_catches_what_it_is_for() {
        List<String> bad = new ArrayList<>();
        for (String m :
                List.of(
                        "Microsoft is a HYPERSCALER",
                        "binding BARE_METAL deal",
                        "2 binding deal(s)",
                        "USD 13.1 B >= USD 1 B",
                        "power -> hardware",
                        "USD 11333333.33/MW/yr",
                        "USD 11,333,333.3333",
                        "1.0E9",
                        "(0 GPUs)")) {
            check("sample", m, bad);
        }
        assertThat(bad).hasSize(9);
        List<String> fine = new ArrayList<>();
        for (String m :
                List.of(
                        "established backlog USD 9.7 B ≥ USD 1 B: Microsoft, a hyperscaler, deal"
                                + " msft-2025",
                        "2,150 MW",
                        "74 %",
                        "USD 4,999,999.995/MW/yr",
                        "Sweetwater 2 (600 MW, US)",
                        "23,000 GPUs")) {
            check("sample", m, fine);
        }
        assertThat(fine).isEmpty();
    }

    private static void check(String where, Classification c, List<String> bad) {
        c.reasons().forEach(r -> check(where + " reason " + r.rule(), r.message(), bad));
        c.risks().forEach(r -> check(where + " risk " + r.code(), r.message(), bad));
        c.gaps().forEach(g -> check(where + " gap " + g.rule(), g.message(), bad));
    }

    private static void check(String where, String message, List<String> bad) {
        Matcher word = WORD.matcher(message);
        while (word.find()) {
            if (ENUM_NAMES.contains(word.group())) {
                bad.add(where + ": enum name " + word.group() + " in \"" + message + "\"");
            }
        }
        for (String banned : List.of("(s)", ">=", "<=", "->", "!=", "(0 GPUs)")) {
            if (message.contains(banned)) {
                bad.add(where + ": \"" + banned + "\" in \"" + message + "\"");
            }
        }
        Matcher number = UNFORMATTED.matcher(message);
        if (number.find()) {
            bad.add(where + ": unformatted number " + number.group() + " in \"" + message + "\"");
        }
    }

    private static Set<String> enumNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Class<? extends Enum<?>> e :
                List.<Class<? extends Enum<?>>>of(
                        Tier.class,
                        Stage.class,
                        RiskCode.class,
                        Service.class,
                        CounterpartyType.class,
                        DealStatus.class,
                        SiteStatus.class)) {
            for (Enum<?> constant : e.getEnumConstants()) {
                names.add(constant.name());
            }
        }
        return names;
    }

    private static List<OperatorProfile> seed() throws IOException {
        List<OperatorProfile> out = new ArrayList<>();
        try (InputStream in = MessageStyleTest.class.getResourceAsStream("/seed/operators.json")) {
            for (JsonNode entry : RulesFixture.JSON.readTree(in)) {
                out.add(RulesFixture.JSON.treeToValue(entry.get("profile"), OperatorProfile.class));
            }
        }
        return out;
    }

    /** Every scenario's profile, classified on the scenario's date where it has one. */
    private static Map<String, OperatorProfile> scenarios() throws IOException {
        Map<String, OperatorProfile> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(RulesFixture.RULES.resolve("scenarios"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode scenario = RulesFixture.JSON.readTree(f.toFile());
                OperatorProfile p =
                        RulesFixture.JSON.treeToValue(
                                scenario.get("profile"), OperatorProfile.class);
                if (scenario.hasNonNull("asOf")) {
                    LocalDate asOf = LocalDate.parse(scenario.get("asOf").asText());
                    p = p.withDeals(p.deals().stream().filter(d -> d.activeOn(asOf)).toList());
                }
                out.put("scenario " + f.getFileName(), p);
            }
        }
        return out;
    }
}
