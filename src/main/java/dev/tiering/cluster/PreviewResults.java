package dev.tiering.cluster;

import dev.tiering.model.Tier;
import dev.tiering.store.ClassificationRow;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a preview learnt, kept for the passes that follow it, so that a reload classifies each
 * operator once, not twice: the candidate's classification of every stored operator, as the small
 * row it would be stored as (for the apply pass, if the candidate goes live), and the tiers on each
 * date of its timeline (for the next preview's backtest, when the candidate is the active rule
 * set). An entry counts only for the operator as it was read: any write since (a new deal, a PUT,
 * another pass) gives its classification row a new {@code seq}, and the operator is classified
 * afresh.
 *
 * <p>Bounded: at most {@value #KEEP} rows (a hundred-odd bytes each) and the timeline tiers of two
 * rule sets; past that, the passes classify as they would without it.
 */
final class PreviewResults {
    /** Most rows kept from one preview: a few tens of megabytes at worst. */
    static final int KEEP = 300_000;

    /** Most operators whose timeline tiers are kept per rule set: a few bytes per date each. */
    static final int KEEP_TIERS = 500_000;

    /** A candidate's classification of one operator, and the seq its row had when read. */
    record Kept(long seq, ClassificationRow row) {}

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

        /**
         * Keeps {@code next}, the candidate's answer for the operator whose row had {@code seq}.
         */
        void keep(long seq, ClassificationRow next) {
            if (room.getAndDecrement() > 0) {
                byTicker.put(next.ticker(), new Kept(seq, next));
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
     * The kept answer of {@code version} on {@code day} for {@code ticker}, if its row is as it was
     * read ({@code seq}).
     */
    ClassificationRow kept(String ticker, long seq, String version, LocalDate day) {
        Batch b = last;
        if (b == null || !b.version.equals(version) || !b.day.equals(day)) {
            return null;
        }
        Kept k = b.byTicker.get(ticker);
        return k != null && k.seq() == seq ? k.row() : null;
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
