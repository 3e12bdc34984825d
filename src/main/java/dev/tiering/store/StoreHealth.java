package dev.tiering.store;

import dev.tiering.store.StoreUnavailableException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the store can serve now, and if not why and since when; how many of its units of work
 * failed for a reason that passes; and, on the embedded database, how much room its data folder has
 * left. Readiness, liveness and the metrics read it; {@link Database} keeps it.
 *
 * <p>A fault starts with the first unit of work that fails for a reason that passes, and ends with
 * the first that succeeds afterwards (a request's, or the database's own probe). A full data folder
 * ends only with a write: reads go on working on a full disk.
 */
public final class StoreHealth {
    /** Why the store cannot serve, since when, in words a client or an operator reads. */
    public record Fault(Reason reason, String detail, Instant since) {}

    /** How often the free space of the data folder is measured at most. */
    private static final long FREE_SPACE_EVERY_NANOS = 1_000_000_000L;

    private final Path dataDir;
    private final long minFreeBytes;
    private final Map<Reason, AtomicLong> errors = new EnumMap<>(Reason.class);
    private volatile Fault fault;
    private volatile long freeBytes = -1;
    private volatile long freeMeasuredAt;
    private volatile boolean watching = true;

    /**
     * {@code dataDir}: the embedded database's folder, whose free space is watched; null on
     * PostgreSQL, whose disk is the database server's.
     */
    StoreHealth(Path dataDir, long minFreeBytes) {
        this.dataDir = dataDir;
        this.minFreeBytes = minFreeBytes;
        for (Reason r : Reason.values()) {
            errors.put(r, new AtomicLong());
        }
    }

    /** The fault the store is in, if it is in one. */
    public Optional<Fault> fault() {
        return Optional.ofNullable(fault);
    }

    /** Whether the store serves now: no fault, and room in its data folder. */
    public boolean up() {
        return fault == null && !low();
    }

    /** Units of work that failed for {@code reason} since the start. */
    public long errors(Reason reason) {
        return errors.get(reason).get();
    }

    /** The embedded database's data folder; empty on PostgreSQL. */
    public Optional<Path> dataDir() {
        return Optional.ofNullable(dataDir);
    }

    /**
     * Free space of the data folder in bytes (what a write may use), measured at most once a
     * second; empty on PostgreSQL, or where the folder cannot be measured.
     */
    public OptionalLong freeBytes() {
        if (dataDir == null) {
            return OptionalLong.empty();
        }
        long now = System.nanoTime();
        if (freeBytes < 0 || now - freeMeasuredAt > FREE_SPACE_EVERY_NANOS) {
            try {
                freeBytes = Files.getFileStore(existing(dataDir)).getUsableSpace();
            } catch (IOException e) {
                return OptionalLong.empty();
            }
            freeMeasuredAt = now;
        }
        return OptionalLong.of(freeBytes);
    }

    /** {@code tiering.data.min-free-mb} in bytes: below it, writes are refused. */
    public long minFreeBytes() {
        return minFreeBytes;
    }

    /** Whether the data folder has less room than {@code tiering.data.min-free-mb}. */
    public boolean low() {
        OptionalLong free = freeBytes();
        return free.isPresent() && free.getAsLong() < minFreeBytes;
    }

    /**
     * Whether the store heals itself: its probe runs. False only once the service is stopping or
     * the probe died, a state the service cannot leave by itself.
     */
    public boolean watching() {
        return watching;
    }

    void stoppedWatching() {
        watching = false;
    }

    /** The data folder full, in words: where, how much room, how much wanted. */
    String lowDetail() {
        return "the data folder "
                + dataDir
                + " is full: "
                + megabytes(freeBytes().orElse(0))
                + " free, at least "
                + megabytes(minFreeBytes)
                + " wanted (tiering.data.min-free-mb); writes are refused until there is room,"
                + " reads still work";
    }

    /**
     * A unit of work failed for a reason that passes: counted, and the fault begins (true) unless
     * the store is in it already.
     */
    boolean failed(Reason reason, String detail) {
        errors.get(reason).incrementAndGet();
        Fault was = fault;
        if (was == null || was.reason() != reason) {
            fault = new Fault(reason, detail, Instant.now());
            return true;
        }
        return false;
    }

    /**
     * A unit of work succeeded ({@code wrote}: it committed a write): the fault it ends, if any. A
     * read ends no full data folder.
     */
    Optional<Fault> succeeded(boolean wrote) {
        Fault was = fault;
        if (was != null && (wrote || was.reason() != Reason.STORAGE_FULL)) {
            fault = null;
            return Optional.of(was);
        }
        return Optional.empty();
    }

    static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%,d MB", bytes / (1024 * 1024));
    }

    /** The folder, or its nearest existing parent (before the database first creates it). */
    private static Path existing(Path dir) {
        Path p = dir.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? dir : p;
    }
}
