package dev.tiering.lifecycle;

import dev.tiering.engine.RuleSet;
import dev.tiering.engine.RuleSources;
import java.util.Optional;

/**
 * The archive of rule sets, as the lifecycle needs it: record each activation, and give back the sources of any
 * version that was ever active. The store implements it; without a database {@link #NONE} keeps nothing.
 */
public interface ArchivePort {
    /**
     * Records that {@code rules} became active: its sources the first time this version is seen, and an activation
     * row every time.
     *
     * @param by      a user name, {@code watcher} or {@code startup}
     * @param changes how many stored operators changed tier
     */
    void activated(RuleSet rules, String previousVersion, String by, int changes);

    /** The sources of an archived version, or empty if it was never active. */
    Optional<RuleSources> sources(String version);

    /** The version of the newest activation (the active rule set of every replica), or empty before the first. */
    Optional<String> activeVersion();

    /** No archive: records nothing, knows nothing. */
    ArchivePort NONE = new ArchivePort() {
        @Override
        public void activated(RuleSet rules, String previousVersion, String by, int changes) {
        }

        @Override
        public Optional<RuleSources> sources(String version) {
            return Optional.empty();
        }

        @Override
        public Optional<String> activeVersion() {
            return Optional.empty();
        }
    };
}
