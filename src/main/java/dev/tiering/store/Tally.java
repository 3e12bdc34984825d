package dev.tiering.store;

import dev.tiering.model.Tier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the writes of one unit of work did to the {@code tally} table (how many operators each tier
 * holds, by bucket, and the revisions that every write moves), gathered as they happen and written
 * last, in one fixed order of rows, so that two units of work never wait for each other's rows the
 * other way round. {@link #counts} and {@link #buckets} read it back: the counts of {@code GET
 * /operators/counts} and the revisions that tell the screen which buckets changed, from 256 small
 * rows however many operators are stored.
 */
public final class Tally {
    /** How many buckets the operators fall in (by ticker): the screen ranks a bucket at a time. */
    public static final int BUCKETS = 64;

    /** (tier, bucket) → operators gained (or lost); every key's revision moves by one. */
    private final Map<String, long[]> moves = new TreeMap<>();

    /** The bucket a new operator's row goes in. */
    public static int bucketOf(String ticker) {
        return Math.floorMod(ticker.hashCode(), BUCKETS);
    }

    /**
     * An operator's classification was written: from {@code before} (null: new) to {@code after}.
     */
    public void written(ClassificationRow before, ClassificationRow after) {
        if (before != null) {
            move(before.tier(), before.bucket(), -1);
        }
        move(after.tier(), after.bucket(), +1);
    }

    /** An operator whose classification was {@code before} was deleted. */
    public void deleted(ClassificationRow before) {
        move(before.tier(), before.bucket(), -1);
    }

    private void move(Tier tier, int bucket, int operators) {
        moves.computeIfAbsent(tier.name() + "\u0000" + bucket, k -> new long[1])[0] += operators;
    }

    /** Writes what was gathered, in key order, and starts afresh. */
    public void write(Connection c, Instant at) throws SQLException {
        if (moves.isEmpty()) {
            return;
        }
        try (PreparedStatement s =
                c.prepareStatement(
                        "UPDATE tally SET operators = operators + ?, revision = revision + 1,"
                                + " updated_at = CASE WHEN updated_at IS NULL OR updated_at < ?"
                                + " THEN ? ELSE updated_at END WHERE tier = ? AND bucket = ?")) {
            for (Map.Entry<String, long[]> e : moves.entrySet()) {
                String[] key = e.getKey().split("\u0000");
                Jdbc.bind(s, e.getValue()[0], at, at, key[0], Integer.parseInt(key[1]));
                s.addBatch();
            }
            s.executeBatch();
        }
        moves.clear();
    }

    /** How many operators a tier holds, its revision (summed over buckets) and its latest write. */
    public record TierCount(Tier tier, long operators, long revision, Instant latest) {}

    /** Every tier's count. */
    public static List<TierCount> counts(Connection c) throws SQLException {
        return Jdbc.list(
                c,
                "SELECT tier, SUM(operators), SUM(revision), MAX(updated_at) FROM tally"
                        + " GROUP BY tier ORDER BY tier",
                rs ->
                        new TierCount(
                                Tier.valueOf(rs.getString(1)),
                                rs.getLong(2),
                                rs.getLong(3),
                                Jdbc.instant(rs, 4)));
    }

    /** Each bucket's revision (summed over tiers), by bucket. */
    public static long[] buckets(Connection c) throws SQLException {
        long[] out = new long[BUCKETS];
        for (long[] b :
                Jdbc.list(
                        c,
                        "SELECT bucket, SUM(revision) FROM tally GROUP BY bucket",
                        rs -> new long[] {rs.getInt(1), rs.getLong(2)})) {
            if (b[0] >= 0 && b[0] < BUCKETS) {
                out[(int) b[0]] = b[1];
            }
        }
        return out;
    }
}
