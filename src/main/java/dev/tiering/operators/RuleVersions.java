package dev.tiering.operators;

import dev.tiering.engine.Classifier;
import dev.tiering.engine.RuleSet;
import dev.tiering.engine.RuleSources;
import dev.tiering.lifecycle.ArchivedRules;
import dev.tiering.lifecycle.UnifiedDiff;
import dev.tiering.lifecycle.UnknownVersionException;
import dev.tiering.model.Tier;
import dev.tiering.model.TierChange;
import dev.tiering.store.RuleArchive;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The archive as the API shows it: every activation, one version's text, and what two versions do
 * differently (their files, and how they classify the stored operators today).
 */
@ApplicationScoped
public class RuleVersions {
    private final RuleArchive archive;
    private final ArchivedRules rules;
    private final OperatorService operators;
    private final Classifier classifier;

    public RuleVersions(
            RuleArchive archive,
            ArchivedRules rules,
            OperatorService operators,
            Classifier classifier) {
        this.archive = archive;
        this.rules = rules;
        this.operators = operators;
        this.classifier = classifier;
    }

    /**
     * A line of {@code GET /rules/versions}: one activation; {@code changes} is null while it
     * reclassifies.
     */
    public record VersionSummary(
            String version,
            Instant activatedAt,
            String activatedBy,
            String previousVersion,
            List<String> files,
            Integer changes) {}

    /**
     * A file of an archived rule set, with its text and the names of its rules (none for a
     * scenario).
     */
    public record VersionFile(String name, String text, List<String> rules) {}

    /**
     * {@code GET /rules/versions/{version}}: the text of an archived rule set, and when and by whom
     * it was last made active (all its activations, newest first, in {@code activations}).
     */
    public record VersionDetail(
            String version,
            Instant activatedAt,
            String activatedBy,
            List<VersionFile> files,
            List<VersionFile> scenarios,
            List<VersionSummary> activations) {}

    /** The diff of one file between two versions. */
    public record FileDiff(String name, String diff) {}

    /** {@code GET /rules/versions/{version}/diff?against={other}}. */
    public record VersionDiff(
            String version, String against, List<FileDiff> files, List<TierChange> changes) {}

    /** Every activation, newest first. */
    public List<VersionSummary> list() {
        Map<String, List<String>> files = archive.ruleFileNames();
        return archive.activations().stream().map(a -> summary(a, files)).toList();
    }

    private static VersionSummary summary(
            RuleArchive.Activation a, Map<String, List<String>> files) {
        return new VersionSummary(
                a.version(),
                a.activatedAt(),
                a.activatedBy(),
                a.previousVersion(),
                files.getOrDefault(a.version(), List.of()),
                a.changes());
    }

    /** One archived rule set with its texts. */
    public VersionDetail get(String version) {
        RuleSources sources = sources(version);
        RuleSet compiled = rules.get(version);
        List<VersionFile> files = new ArrayList<>();
        for (String name : sources.rules().keySet()) {
            List<String> names =
                    compiled.files().stream()
                            .filter(f -> f.file().equals(name))
                            .findFirst()
                            .map(RuleSet.RuleFile::rules)
                            .orElse(List.of());
            files.add(new VersionFile(name, sources.text(name), names));
        }
        List<VersionFile> scenarios =
                sources.scenarios().keySet().stream()
                        .map(name -> new VersionFile(name, sources.text(name), List.of()))
                        .toList();
        Map<String, List<String>> names = archive.ruleFileNames();
        List<VersionSummary> activations =
                archive.activations(version).stream().map(a -> summary(a, names)).toList();
        VersionSummary last = activations.isEmpty() ? null : activations.get(0);
        return new VersionDetail(
                version,
                last == null ? null : last.activatedAt(),
                last == null ? null : last.activatedBy(),
                files,
                scenarios,
                activations);
    }

    /**
     * What {@code version} does differently from {@code against}: a unified diff per file, and the
     * tier moves.
     */
    public VersionDiff diff(String version, String against) {
        RuleSources from = sources(against);
        RuleSources to = sources(version);
        List<FileDiff> files = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>();
        names.addAll(from.rules().keySet());
        names.addAll(from.scenarios().keySet());
        names.addAll(to.rules().keySet());
        names.addAll(to.scenarios().keySet());
        for (String name : names) {
            String diff = UnifiedDiff.of(name, from.text(name), to.text(name));
            if (!diff.isEmpty()) {
                files.add(new FileDiff(name, diff));
            }
        }
        RuleSet a = rules.get(against);
        RuleSet b = rules.get(version);
        List<TierChange> changes = new ArrayList<>();
        operators.forEachProfile(
                page -> {
                    for (var profile : page) {
                        Tier was = classifier.tier(a, profile, null);
                        Tier is = classifier.tier(b, profile, null);
                        if (was != is) {
                            changes.add(new TierChange(profile.ticker(), was, is));
                        }
                    }
                });
        return new VersionDiff(version, against, files, changes);
    }

    private RuleSources sources(String version) {
        return archive.sources(version).orElseThrow(() -> new UnknownVersionException(version));
    }
}
