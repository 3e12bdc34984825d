package dev.tiering.engine.sandbox;

import java.lang.management.ManagementFactory;

/**
 * How much work rule code may do in one call of the engine (a classification, the screen, reading
 * thresholds): steps and memory. {@link Instrumenter} makes every loop of a rule set count a step
 * on each turn, every method of it count one as it is entered, and every array it makes ask for its
 * length first; past the budget they throw {@link BudgetExceededError}, which rule code may not
 * catch. A rule that never ends or fills the heap so ends the call it runs in, with its name, and
 * nothing else: the service goes on serving.
 *
 * <p>Rule code that runs with no budget open throws at once: every way into it is meant to open
 * one, and a way that does not is a bug to find, not a door to leave open.
 */
public final class Budget implements AutoCloseable {
    /** Steps one call may take: a classification of the shipped rules takes some hundreds. */
    public static final long STEPS = 5_000_000;

    /**
     * Bytes rule code may allocate in one call (measured on the thread every few thousand steps).
     */
    public static final long BYTES = 64L << 20;

    /** Longest array rule code may make. */
    public static final int ARRAY_LENGTH = 1 << 20;

    private static final ThreadLocal<Budget> CURRENT = new ThreadLocal<>();
    private static final int CHECK_BYTES_EVERY = 1 << 8;
    private static final com.sun.management.ThreadMXBean THREADS = threads();

    private final long maxSteps;
    private final long maxBytes;
    private final long bytesAtStart;
    private final Budget outer;
    private long steps;
    private long arrayBytes;
    private boolean spent;

    private Budget(long maxSteps, long maxBytes) {
        this.maxSteps = maxSteps;
        this.maxBytes = maxBytes;
        this.bytesAtStart = allocated();
        this.outer = CURRENT.get();
    }

    /** Opens the default budget on this thread until {@link #close()}. */
    public static Budget open() {
        return open(STEPS, BYTES);
    }

    /** Opens a budget on this thread until {@link #close()}; budgets nest. */
    public static Budget open(long maxSteps, long maxBytes) {
        Budget b = new Budget(maxSteps, maxBytes);
        CURRENT.set(b);
        return b;
    }

    @Override
    public void close() {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }

    /** Steps taken so far under this budget. */
    public long steps() {
        return steps;
    }

    /** One step of rule code: a method entered, a loop turned. Called by instrumented code only. */
    public static void step() {
        Budget b = CURRENT.get();
        if (b == null) {
            throw new BudgetExceededError(
                    "ran outside a budgeted call", "every way into rule code must open a budget");
        }
        if (++b.steps > b.maxSteps || b.spent) {
            b.spent = true;
            throw new BudgetExceededError(
                    "took more than " + b.maxSteps + " steps",
                    "does a loop or a recursion in it never end?");
        }
        if ((b.steps & (CHECK_BYTES_EVERY - 1)) == 0) {
            b.checkBytes();
        }
    }

    /**
     * The length of an array rule code is about to make, checked. Called by instrumented code only.
     */
    public static int arrayLength(int length) {
        step();
        Budget b = CURRENT.get();
        if (length > ARRAY_LENGTH) {
            b.spent = true;
            throw new BudgetExceededError(
                    "asked for an array of " + length + " elements",
                    "rule code may make arrays of at most " + ARRAY_LENGTH);
        }
        // Counted before the array is made (as if of longs), so a loop of large arrays stops before
        // the heap is gone, not some thousands of steps later.
        b.arrayBytes += 8L * Math.max(length, 0);
        if (b.arrayBytes > b.maxBytes) {
            b.spent = true;
            throw new BudgetExceededError(
                    "allocated more than " + (b.maxBytes >> 20) + " MB in arrays",
                    "does it fill a collection without end?");
        }
        return length;
    }

    private void checkBytes() {
        if (THREADS != null && allocated() - bytesAtStart > maxBytes) {
            spent = true;
            throw new BudgetExceededError(
                    "allocated more than " + (maxBytes >> 20) + " MB",
                    "does it fill a collection without end?");
        }
    }

    private static long allocated() {
        return THREADS == null ? 0 : THREADS.getCurrentThreadAllocatedBytes();
    }

    private static com.sun.management.ThreadMXBean threads() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported()) {
            if (!t.isThreadAllocatedMemoryEnabled()) {
                t.setThreadAllocatedMemoryEnabled(true);
            }
            return t;
        }
        return null;
    }
}
