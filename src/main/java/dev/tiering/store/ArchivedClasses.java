package dev.tiering.store;

import dev.tiering.engine.CompiledRules;
import dev.tiering.engine.EngineId;
import dev.tiering.lifecycle.CompiledCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * The class files of rule sets that went live, kept in the database beside the archive ({@code
 * rule_set_classes}): the next start, and every replica following an activation, loads them instead
 * of compiling the same rules again (the sandbox checks them again first). Keyed by version and by
 * the build of the engine that compiled them, so another release compiles its own. A cache: a
 * failure to read or keep is logged and the rules are compiled.
 */
@ApplicationScoped
public class ArchivedClasses implements CompiledCache {
    private static final Logger LOG = Logger.getLogger(ArchivedClasses.class);

    /** How many rule sets' class files to keep. */
    static final int KEEP = 16;

    private final Database db;
    private final Clock clock;
    private final String engine;

    @Inject
    public ArchivedClasses(Database db, Clock clock) {
        this(db, clock, EngineId.get());
    }

    ArchivedClasses(Database db, Clock clock, String engine) {
        this.db = db;
        this.clock = clock;
        this.engine = engine;
    }

    @Override
    public CompiledRules get(String version) {
        try {
            byte[] zip =
                    db.read(
                            c -> {
                                try (PreparedStatement s =
                                        c.prepareStatement(
                                                "SELECT classes FROM rule_set_classes WHERE version"
                                                        + " = ? AND engine = ?")) {
                                    s.setString(1, version);
                                    s.setString(2, engine);
                                    try (ResultSet rs = s.executeQuery()) {
                                        return rs.next() ? rs.getBytes(1) : null;
                                    }
                                }
                            });
            return zip == null ? null : CompiledRules.fromZip(version, zip);
        } catch (RuntimeException e) {
            LOG.debugf(
                    "Class files of rule set %s not read (%s); compiling", version, e.getMessage());
            return null;
        }
    }

    @Override
    public void put(CompiledRules compiled) {
        if (compiled == null) {
            return;
        }
        try {
            byte[] zip = compiled.toZip();
            db.transaction(
                    c -> {
                        try (PreparedStatement exists =
                                c.prepareStatement(
                                        "SELECT 1 FROM rule_set_classes WHERE version = ? AND"
                                                + " engine = ?")) {
                            exists.setString(1, compiled.version());
                            exists.setString(2, engine);
                            try (ResultSet rs = exists.executeQuery()) {
                                if (rs.next()) {
                                    return null;
                                }
                            }
                        }
                        try (PreparedStatement s =
                                c.prepareStatement(
                                        "INSERT INTO rule_set_classes (version, engine, classes,"
                                                + " kept_at) VALUES (?, ?, ?, ?)")) {
                            s.setString(1, compiled.version());
                            s.setString(2, engine);
                            s.setBytes(3, zip);
                            s.setObject(4, clock.instant().atOffset(ZoneOffset.UTC));
                            s.executeUpdate();
                        }
                        prune(c);
                        return null;
                    });
        } catch (RuntimeException e) {
            // Another replica kept the same version at the same moment, or the database is away.
            LOG.debugf(
                    "Class files of rule set %s not kept: %s", compiled.version(), e.getMessage());
        }
    }

    /**
     * Keeps the newest {@link #KEEP} rows, whatever build made them: during a rolling deploy both
     * releases find their own, and a release gone is forgotten in a few activations.
     */
    private static void prune(Connection c) throws SQLException {
        try (PreparedStatement s =
                        c.prepareStatement(
                                "SELECT version, engine FROM rule_set_classes ORDER BY kept_at"
                                        + " DESC, version, engine");
                PreparedStatement delete =
                        c.prepareStatement(
                                "DELETE FROM rule_set_classes WHERE version = ? AND engine = ?");
                ResultSet rs = s.executeQuery()) {
            int n = 0;
            while (rs.next()) {
                if (++n > KEEP) {
                    delete.setString(1, rs.getString(1));
                    delete.setString(2, rs.getString(2));
                    delete.addBatch();
                }
            }
            delete.executeBatch();
        }
    }
}
