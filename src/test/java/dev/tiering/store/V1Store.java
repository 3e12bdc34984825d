package dev.tiering.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiering.codec.Json;
import dev.tiering.engine.Classifier;
import dev.tiering.engine.RuleEngine;
import dev.tiering.engine.RuleSet;
import dev.tiering.engine.RuleSources;
import dev.tiering.engine.RulesFixture;
import dev.tiering.model.Classification;
import dev.tiering.model.OperatorProfile;
import dev.tiering.model.Risk;
import dev.tiering.model.Tier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;

/**
 * A store as the first release left it: the schema of its migrations (up to V5, the last one it
 * had), filled the way it wrote rows (each operator one row with its profile and its classification
 * as JSON documents), with history and an archive of two rule-set versions. The same data every
 * time, so a test can say what it must find after the upgrade.
 */
final class V1Store {
    /** The last migration of the first release. */
    static final String LAST_V1 = "5";

    static final Instant CREATED = Instant.parse("2026-10-01T09:00:00Z");
    static final Instant DEALT = Instant.parse("2026-10-02T09:00:00Z");
    static final Instant RELOADED = Instant.parse("2026-10-03T09:00:00Z");

    /** The operator the older rule set put in another tier: the first start moves it back. */
    static final String MOVED = "MOVED";

    private static final ObjectMapper JSON = Json.mapper();

    private V1Store() {}

    /** The research note's 13 operators and {@link #MOVED}, by ticker. */
    static Map<String, OperatorProfile> profiles() {
        try {
            Map<String, OperatorProfile> out = new LinkedHashMap<>();
            for (JsonNode e :
                    JSON.readTree(
                            Files.readString(Path.of("src/main/resources/seed/operators.json")))) {
                OperatorProfile p = JSON.treeToValue(e.get("profile"), OperatorProfile.class);
                out.put(p.ticker(), p);
            }
            OperatorProfile iren = out.get("IREN");
            out.put(
                    MOVED,
                    new OperatorProfile(
                            MOVED,
                            "Moved Mining",
                            iren.sites(),
                            iren.gpuCloud(),
                            iren.miningRevenueShare(),
                            iren.deals()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped rules: the active version. */
    static RuleSources active() {
        return RuleSources.read(RulesFixture.RULES);
    }

    /** The version active before it: the same rules with a comment more. */
    static RuleSources older() {
        RuleSources now = active();
        Map<String, byte[]> rules = new LinkedHashMap<>(now.rules());
        rules.put(
                "risks.drl",
                (now.text("risks.drl") + "\n// the version before\n")
                        .getBytes(StandardCharsets.UTF_8));
        return RuleSources.of(rules, now.scenarios());
    }

    /**
     * The history of each operator, newest first, as {@code cause: detail}: created from the seed,
     * a deal for those that have one, and for {@link #MOVED} the older rule set's move.
     */
    static Map<String, List<String>> history() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        profiles()
                .forEach(
                        (ticker, p) -> {
                            List<String> h = new ArrayList<>();
                            if (ticker.equals(MOVED)) {
                                h.add("RULES: rule set " + older().version());
                            }
                            if (!p.deals().isEmpty()) {
                                h.add("DEAL: deal " + p.deals().get(0).id() + " added");
                            }
                            h.add("PROFILE: profile created");
                            out.put(ticker, h);
                        });
        return out;
    }

    /**
     * Creates the first release's schema at {@code url} and fills it: every operator classified by
     * the shipped rules, but {@link #MOVED}, stored with the older rule set's answer and another
     * tier.
     *
     * @param vendor {@code h2} or {@code postgresql}: the vendor folder of the migrations
     */
    static void build(String url, String user, String password, String vendor) {
        Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
                .target(LAST_V1)
                .load()
                .migrate();
        RuleSources active = active();
        RuleSources older = older();
        // active's sources, compiled once for the JVM
        RuleSet rules = RulesFixture.rules();
        Classifier classifier =
                new Classifier(new RuleEngine(10_000), Clock.fixed(DEALT, ZoneOffset.UTC));
        LocalDate day = LocalDate.ofInstant(RELOADED, ZoneOffset.UTC);
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.setAutoCommit(false);
            archive(c, older, null, CREATED, "startup", null);
            archive(c, active, older.version(), RELOADED, "admin", 1);
            for (OperatorProfile p : profiles().values()) {
                Classification cl = classifier.classify(rules, p, null);
                boolean moved = p.ticker().equals(MOVED);
                Tier tier = moved ? Tier.TIER_2 : cl.tier();
                String version = moved ? older.version() : active.version();
                insert(
                        c,
                        "INSERT INTO operator (ticker, name, profile_json, tier, stage, full_stack,"
                                + " risks, classification_json, rule_set_version, classified_on,"
                                + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        p.ticker(),
                        p.name(),
                        JSON.writeValueAsString(p),
                        tier.name(),
                        cl.stage() == null ? null : cl.stage().name(),
                        cl.fullStack(),
                        cl.risks().stream()
                                .map(Risk::code)
                                .sorted()
                                .map(Enum::name)
                                .collect(Collectors.joining(",")),
                        JSON.writeValueAsString(cl),
                        version,
                        day,
                        RELOADED.atOffset(ZoneOffset.UTC));
                List<String> history = new ArrayList<>(history().get(p.ticker()));
                java.util.Collections.reverse(history);
                Instant at = CREATED;
                for (String h : history) {
                    String[] causeAndDetail = h.split(": ", 2);
                    insert(
                            c,
                            "INSERT INTO classification_history (ticker, at, tier, stage,"
                                    + " rule_set_version, cause, detail, full_stack, risks,"
                                    + " by_user) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            p.ticker(),
                            at.atOffset(ZoneOffset.UTC),
                            causeAndDetail[0].equals("RULES") ? tier.name() : cl.tier().name(),
                            cl.stage() == null ? null : cl.stage().name(),
                            causeAndDetail[0].equals("RULES") ? older.version() : version,
                            causeAndDetail[0],
                            causeAndDetail[1],
                            cl.fullStack(),
                            "",
                            "seed");
                    at = at.plusSeconds(3600);
                }
            }
            c.commit();
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot build the v1 store at " + url, e);
        }
    }

    private static void archive(
            Connection c,
            RuleSources sources,
            String previous,
            Instant at,
            String by,
            Integer changes)
            throws SQLException {
        insert(
                c,
                "INSERT INTO rule_set (version, archived_at) VALUES (?, ?)",
                sources.version(),
                at.atOffset(ZoneOffset.UTC));
        for (Map.Entry<String, byte[]> f : sources.rules().entrySet()) {
            file(c, sources.version(), f.getKey(), "RULES", f.getValue());
        }
        for (Map.Entry<String, byte[]> f : sources.scenarios().entrySet()) {
            file(c, sources.version(), f.getKey(), "SCENARIO", f.getValue());
        }
        insert(
                c,
                "INSERT INTO rule_activation (version, activated_at, activated_by,"
                        + " previous_version, changes) VALUES (?, ?, ?, ?, ?)",
                sources.version(),
                at.atOffset(ZoneOffset.UTC),
                by,
                previous,
                changes);
    }

    private static void file(Connection c, String version, String name, String kind, byte[] text)
            throws SQLException {
        insert(
                c,
                "INSERT INTO rule_set_file (version, name, kind, content) VALUES (?, ?, ?, ?)",
                version,
                name,
                kind,
                new String(text, StandardCharsets.UTF_8));
    }

    private static void insert(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] == null) {
                    s.setNull(i + 1, java.sql.Types.NULL);
                } else {
                    s.setObject(i + 1, args[i]);
                }
            }
            s.executeUpdate();
        }
    }
}
