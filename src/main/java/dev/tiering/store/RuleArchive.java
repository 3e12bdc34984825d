package dev.tiering.store;

import dev.tiering.engine.RuleSet;
import dev.tiering.engine.RuleSources;
import dev.tiering.lifecycle.ArchivePort;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The archive of rule sets in the database ({@code rule_set}, {@code rule_set_file}, {@code
 * rule_activation}): every version ever active, with the text of its rule files and scenarios
 * stored once, and every activation, who made it and how many operators it moved. Rows are only
 * ever added. The newest activation is the active rule set.
 */
@ApplicationScoped
public class RuleArchive implements ArchivePort {
    static final String RULES = "RULES";
    static final String SCENARIO = "SCENARIO";

    /** The NOTIFY channel on which an activation is announced to the other replicas. */
    public static final String CHANNEL = "tiering_rules";

    /** The advisory lock under which one replica at a time activates a rule set. */
    private static final long ACTIVATION_LOCK = 0x7469657269_6e67L;

    private final Object localLock = new Object();

    private final Database db;
    private final Clock clock;

    public RuleArchive(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** One activation of a version. */
    /** One activation of a version; {@code changes} is null until its reclassification is done. */
    public record Activation(
            long id,
            String version,
            Instant activatedAt,
            String activatedBy,
            String previousVersion,
            Integer changes) {}

    @Override
    public long activated(RuleSet rules, String previousVersion, String by) {
        return db.transaction(
                c -> {
                    if (!exists(c, rules.version())) {
                        store(c, rules.sources());
                    }
                    long id;
                    try (PreparedStatement s =
                            c.prepareStatement(
                                    "INSERT INTO rule_activation (version, activated_at,"
                                        + " activated_by, previous_version, changes) VALUES (?, ?,"
                                        + " ?, ?, NULL)",
                                    new String[] {"id"})) {
                        s.setString(1, rules.version());
                        s.setObject(2, clock.instant().atOffset(ZoneOffset.UTC));
                        s.setString(3, by);
                        s.setString(4, previousVersion);
                        s.executeUpdate();
                        try (ResultSet keys = s.getGeneratedKeys()) {
                            keys.next();
                            id = keys.getLong(1);
                        }
                    }
                    if (db.postgres()) {
                        // Delivered on commit to every replica listening (RuleFollower); the poll
                        // is the safety net.
                        try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                            s.setString(1, CHANNEL);
                            s.setString(2, rules.version());
                            s.execute();
                        }
                    }
                    return id;
                });
    }

    @Override
    public void moved(long activation, int changes) {
        db.transaction(
                c -> {
                    try (PreparedStatement s =
                            c.prepareStatement(
                                    "UPDATE rule_activation SET changes = ? WHERE id = ?"
                                            + " AND changes IS NULL")) {
                        s.setInt(1, changes);
                        s.setLong(2, activation);
                        return s.executeUpdate();
                    }
                });
    }

    /**
     * Runs {@code work} holding the cluster's activation lock. On PostgreSQL it is an advisory lock
     * on a connection of its own, which the database drops if this replica dies; on the embedded
     * database there is one process, and a lock in it is enough.
     */
    @Override
    public <T> T exclusively(Supplier<T> work) {
        if (!db.postgres()) {
            synchronized (localLock) {
                return work.get();
            }
        }
        try (Connection c = db.connection()) {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
                lock.setLong(1, ACTIVATION_LOCK);
                lock.execute();
            }
            try {
                return work.get();
            } finally {
                try (PreparedStatement unlock =
                        c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    unlock.setLong(1, ACTIVATION_LOCK);
                    unlock.execute();
                }
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private void store(Connection c, RuleSources sources) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("INSERT INTO rule_set (version, archived_at) VALUES (?, ?)")) {
            s.setString(1, sources.version());
            s.setObject(2, clock.instant().atOffset(ZoneOffset.UTC));
            s.executeUpdate();
        }
        try (PreparedStatement s =
                c.prepareStatement(
                        "INSERT INTO rule_set_file (version, name, kind, content)"
                                + " VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<String, byte[]> f : sources.rules().entrySet()) {
                bindFile(s, sources.version(), f.getKey(), RULES, f.getValue());
            }
            for (Map.Entry<String, byte[]> f : sources.scenarios().entrySet()) {
                bindFile(s, sources.version(), f.getKey(), SCENARIO, f.getValue());
            }
            s.executeBatch();
        }
    }

    private static void bindFile(
            PreparedStatement s, String version, String name, String kind, byte[] content)
            throws SQLException {
        s.setString(1, version);
        s.setString(2, name);
        s.setString(3, kind);
        s.setString(4, new String(content, StandardCharsets.UTF_8));
        s.addBatch();
    }

    private static boolean exists(Connection c, String version) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM rule_set WHERE version = ?")) {
            q.setString(1, version);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public Optional<RuleSources> sources(String version) {
        return db.read(
                c -> {
                    if (!exists(c, version)) {
                        return Optional.empty();
                    }
                    Map<String, byte[]> rules = new LinkedHashMap<>();
                    Map<String, byte[]> scenarios = new LinkedHashMap<>();
                    for (String[] f :
                            Jdbc.list(
                                    c,
                                    "SELECT name, kind, content FROM rule_set_file"
                                            + " WHERE version = ? ORDER BY name",
                                    rs ->
                                            new String[] {
                                                rs.getString(1), rs.getString(2), rs.getString(3)
                                            },
                                    version)) {
                        (RULES.equals(f[1]) ? rules : scenarios)
                                .put(f[0], f[2].getBytes(StandardCharsets.UTF_8));
                    }
                    RuleSources sources = RuleSources.of(rules, scenarios);
                    if (!sources.version().equals(version)) {
                        throw new IllegalStateException(
                                "archived rule set " + version + " hashes to " + sources.version());
                    }
                    return Optional.of(sources);
                });
    }

    @Override
    public Optional<String> activeVersion() {
        return db.read(
                c -> {
                    try (PreparedStatement q =
                                    c.prepareStatement(
                                            "SELECT version FROM rule_activation ORDER BY id DESC"
                                                    + " FETCH FIRST 1 ROWS ONLY");
                            ResultSet rs = q.executeQuery()) {
                        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                    }
                });
    }

    /** The newest activation: the active rule set of every replica, and since when. */
    public Optional<Activation> newest() {
        return db.read(
                c -> {
                    try (PreparedStatement q =
                                    c.prepareStatement(
                                            "SELECT id, version, activated_at, activated_by,"
                                                + " previous_version, changes FROM rule_activation"
                                                + " ORDER BY id DESC FETCH FIRST 1 ROWS ONLY");
                            ResultSet rs = q.executeQuery()) {
                        return rs.next() ? Optional.of(activation(rs)) : Optional.empty();
                    }
                });
    }

    private static Activation activation(ResultSet rs) throws SQLException {
        return new Activation(
                rs.getLong(1),
                rs.getString(2),
                rs.getObject(3, OffsetDateTime.class).toInstant(),
                rs.getString(4),
                rs.getString(5),
                rs.getObject(6, Integer.class));
    }

    /** Every activation, newest first. */
    public List<Activation> activations() {
        return activations(null);
    }

    /** The activations of one version (or of all, for null), newest first. */
    public List<Activation> activations(String version) {
        String sql =
                "SELECT id, version, activated_at, activated_by, previous_version, changes FROM"
                        + " rule_activation"
                        + (version == null ? "" : " WHERE version = ?")
                        + " ORDER BY id DESC";
        return db.read(
                c ->
                        version == null
                                ? Jdbc.list(c, sql, RuleArchive::activation)
                                : Jdbc.list(c, sql, RuleArchive::activation, version));
    }

    /** The names of each archived version's rule files, by version. */
    public Map<String, List<String>> ruleFileNames() {
        return db.read(
                c -> {
                    Map<String, List<String>> out = new LinkedHashMap<>();
                    for (String[] f :
                            Jdbc.list(
                                    c,
                                    "SELECT version, name FROM rule_set_file WHERE kind = ?"
                                            + " ORDER BY version, name",
                                    rs -> new String[] {rs.getString(1), rs.getString(2)},
                                    RULES)) {
                        out.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f[1]);
                    }
                    return out;
                });
    }
}
