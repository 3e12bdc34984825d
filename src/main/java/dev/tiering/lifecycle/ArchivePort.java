package dev.tiering.lifecycle;

import dev.tiering.engine.RuleSet;
import dev.tiering.engine.RuleSources;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The archive of rule sets, as the lifecycle needs it: record each activation, give back the
 * sources of any version that was ever active, and say which version is active for every replica.
 * The store implements it; without a database {@link #NONE} keeps nothing.
 */
public interface ArchivePort {
    /**
     * Records that {@code rules} became active: its sources the first time this version is seen,
     * and an activation every time. Replicas that share the archive follow it from then on.
     *
     * @param by a user name, {@code watcher} or {@code startup}
     * @return the activation's id, to report its tier moves once they are known
     */
    long activated(RuleSet rules, String previousVersion, String by);

    /** Records how many stored operators an activation moved, once its reclassification is done. */
    void moved(long activation, int changes);

    /** The sources of an archived version, or empty if it was never active. */
    Optional<RuleSources> sources(String version);

    /**
     * The version of the newest activation (the active rule set of every replica), or empty before
     * the first.
     */
    Optional<String> activeVersion();

    /**
     * Runs {@code work} while no other replica activates a rule set (one activation at a time,
     * cluster-wide).
     */
    <T> T exclusively(Supplier<T> work);

    /** No archive: records nothing, knows nothing, and there are no other replicas. */
    ArchivePort NONE =
            new ArchivePort() {
                @Override
                public long activated(RuleSet rules, String previousVersion, String by) {
                    return 0;
                }

                @Override
                public void moved(long activation, int changes) {}

                @Override
                public Optional<RuleSources> sources(String version) {
                    return Optional.empty();
                }

                @Override
                public Optional<String> activeVersion() {
                    return Optional.empty();
                }

                @Override
                public <T> T exclusively(Supplier<T> work) {
                    return work.get();
                }
            };
}
