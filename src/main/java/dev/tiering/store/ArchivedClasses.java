package dev.tiering.store;

import dev.tiering.engine.CompiledRules;
import dev.tiering.engine.EngineId;
import dev.tiering.lifecycle.CompiledCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
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
                            c ->
                                    Jdbc.first(
                                                    c,
                                                    "SELECT classes FROM rule_set_classes WHERE"
                                                            + " version = ? AND engine = ?",
                                                    rs -> rs.getBytes(1),
                                                    version,
                                                    engine)
                                            .orElse(null));
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
                        if (Jdbc.number(
                                        c,
                                        "SELECT COUNT(*) FROM rule_set_classes WHERE version = ?"
                                                + " AND engine = ?",
                                        compiled.version(),
                                        engine)
                                > 0) {
                            return null;
                        }
                        Jdbc.update(
                                c,
                                "INSERT INTO rule_set_classes (version, engine, classes, kept_at)"
                                        + " VALUES (?, ?, ?, ?)",
                                compiled.version(),
                                engine,
                                zip,
                                clock.instant().atOffset(ZoneOffset.UTC));
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
        List<String[]> kept =
                Jdbc.list(
                        c,
                        "SELECT version, engine FROM rule_set_classes ORDER BY kept_at DESC,"
                                + " version, engine",
                        rs -> new String[] {rs.getString(1), rs.getString(2)});
        for (String[] old : kept.subList(Math.min(KEEP, kept.size()), kept.size())) {
            Jdbc.update(
                    c,
                    "DELETE FROM rule_set_classes WHERE version = ? AND engine = ?",
                    old[0],
                    old[1]);
        }
    }
}
