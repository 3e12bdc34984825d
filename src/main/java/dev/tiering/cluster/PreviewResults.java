package dev.tiering.cluster;

import dev.tiering.model.Classification;
import dev.tiering.model.Tier;
import dev.tiering.store.OperatorRow;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a preview learnt, kept for the passes that follow it, so that a reload classifies each
 * operator once, not twice: the candidate's classification of every stored operator (for the apply
 * pass, if the candidate goes live) and the tiers on each date of its timeline (for the next
 * preview's backtest, when the candidate is the active rule set). An entry counts only for the
 * operator as it was read: a write since (a new deal, a PUT) changes its {@code updatedAt} or its
 * profile, and the operator is classified afresh.
 *
 * <p>Bounded: at most {@value #KEEP} classifications (a classification with its reasons is a few
 * kilobytes) and the timeline tiers of two rule sets; past that, the passes classify as they would
 * without it.
 */
final class PreviewResults {
    /** Most classifications kept from one preview: tens of megabytes at worst. */
    static final int KEEP = 20_000;

    /** Most operators whose timeline tiers are kept per rule set: a few bytes per date each. */
    static final int KEEP_TIERS = 500_000;

    /** A candidate's classification of one operator as read. */
    record Kept(Instant updatedAt, long profileHash, Classification classification) {}

    /** One operator's tiers on each date of its timeline, as read. */
    record Tiers(long profileHash, Tier[] tiers) {}

    private volatile Batch last;

    /**
     * Rule set version → ticker → timeline tiers; at most two versions: the active one and the last
     * candidate.
     */
    private final Map<String, Map<String, Tiers>> tiers = new ConcurrentHashMap<>();

    /** The classifications of one preview: one rule set, one day. */
    static final class Batch {
        final String version;
        final LocalDate day;
        final Map<String, Kept> byTicker = new ConcurrentHashMap<>();
        private final AtomicInteger room = new AtomicInteger(KEEP);

        Batch(String version, LocalDate day) {
            this.version = version;
            this.day = day;
        }

        void keep(OperatorRow row, Classification c) {
            if (room.getAndDecrement() > 0) {
                byTicker.put(row.ticker(), new Kept(row.updatedAt(), hash(row.profileJson()), c));
            }
        }
    }

    /**
     * Starts keeping the classifications of a preview of {@code version}, replacing what an earlier
     * one kept.
     */
    Batch begin(String version, LocalDate day) {
        Batch b = new Batch(version, day);
        last = b;
        return b;
    }

    /**
     * The kept classification of {@code row} by {@code version} on {@code day}, if the row is as it
     * was read.
     */
    Classification kept(OperatorRow row, String version, LocalDate day) {
        Batch b = last;
        if (b == null || !b.version.equals(version) || !b.day.equals(day)) {
            return null;
        }
        Kept k = b.byTicker.get(row.ticker());
        return k != null
                        && k.updatedAt().equals(row.updatedAt())
                        && k.profileHash() == hash(row.profileJson())
                ? k.classification()
                : null;
    }

    /**
     * Done with the classifications: the apply pass took them, or a newer preview will bring its
     * own.
     */
    void release() {
        last = null;
    }

    /** The timeline tiers of {@code ticker} under {@code version}, if kept for this profile. */
    Tier[] tiers(String version, String ticker, String profileJson) {
        Map<String, Tiers> of = tiers.get(version);
        Tiers t = of == null ? null : of.get(ticker);
        return t != null && t.profileHash() == hash(profileJson) ? t.tiers() : null;
    }

    void keepTiers(String version, String ticker, String profileJson, Tier[] dated) {
        Map<String, Tiers> of = tiers.computeIfAbsent(version, v -> new ConcurrentHashMap<>());
        if (of.size() < KEEP_TIERS) {
            of.put(ticker, new Tiers(hash(profileJson), dated));
        }
    }

    /** Keeps the timeline tiers of these versions only (the active rule set and the candidate). */
    void retainTiers(String... versions) {
        tiers.keySet().retainAll(java.util.Arrays.asList(versions));
    }

    /**
     * 64-bit FNV-1a of the document's characters: a profile that changed is told apart, in practice
     * always.
     */
    static long hash(String json) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < json.length(); i++) {
            h ^= json.charAt(i);
            h *= 0x100000001b3L;
        }
        return h ^ json.length();
    }
}
