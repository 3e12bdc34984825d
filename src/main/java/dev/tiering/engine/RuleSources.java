package dev.tiering.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The text of a rule set: its DRL files and its scenarios, each by path relative to the rule
 * folder, in a stable order. Read from a folder, or rebuilt from an archived copy; the {@link
 * #version() version} is a hash of the DRL files alone, so the same rules always have the same
 * version, wherever they come from.
 *
 * @param rules {@code tiers.drl} → content
 * @param scenarios {@code scenarios/iren.json} → content
 */
public record RuleSources(
        Map<String, byte[]> rules, Map<String, byte[]> scenarios, String version) {
    /** Subfolder of the rule folder that holds the scenarios. */
    public static final String SCENARIOS = "scenarios";

    public RuleSources {
        rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
        scenarios = Collections.unmodifiableMap(new LinkedHashMap<>(scenarios));
    }

    /** Sources from texts; the version is computed. */
    public static RuleSources of(Map<String, byte[]> rules, Map<String, byte[]> scenarios) {
        return new RuleSources(sorted(rules), sorted(scenarios), hash(sorted(rules)));
    }

    /** Only rule files, no scenarios (tests, the compile benchmark). */
    public static RuleSources ofRules(Map<String, byte[]> rules) {
        return of(rules, Map.of());
    }

    /**
     * Reads every {@code .drl} file under {@code dir} and every {@code scenarios/*.json}, skipping
     * hidden and editor temp files.
     *
     * @throws RuleCompilationException if the folder is missing or a file cannot be read
     */
    public static RuleSources read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new RuleCompilationException(
                    "rule folder not found",
                    List.of(new RuleError(dir.toString(), 0, 0, "rule folder does not exist")));
        }
        Map<String, byte[]> rules = new LinkedHashMap<>();
        Map<String, byte[]> scenarios = new LinkedHashMap<>();
        List<RuleError> refused = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> files =
                    walk.filter(
                                    p ->
                                            Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                                                    || Files.isSymbolicLink(p))
                            .toList();
            for (Path p : files) {
                Path relative = dir.relativize(p);
                String name = relative.toString().replace('\\', '/');
                boolean rule = isRuleFile(relative);
                if (!rule && !isScenarioFile(relative)) {
                    continue;
                }
                if (Files.isSymbolicLink(p)) {
                    // A link can point anywhere on the host (/etc/passwd); only files that live in
                    // the folder count.
                    refused.add(
                            new RuleError(
                                    name,
                                    0,
                                    0,
                                    "is a symbolic link; rule and scenario files must be"
                                            + " regular files inside the rule folder"));
                    continue;
                }
                byte[] content = Files.readAllBytes(p);
                RuleError encoding = Utf8.check(name, content);
                if (encoding != null) {
                    refused.add(encoding);
                } else {
                    (rule ? rules : scenarios).put(name, content);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            IOException cause =
                    e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            // A file removed or renamed mid-read (an editor saving): refuse this round, the next
            // event retries.
            throw new RuleCompilationException(
                    "rule folder unreadable",
                    List.of(
                            new RuleError(
                                    dir.toString(),
                                    0,
                                    0,
                                    "cannot read the rule folder: " + cause.getMessage())));
        }
        if (!refused.isEmpty()) {
            throw new RuleCompilationException("rule folder refused", refused);
        }
        return of(rules, scenarios);
    }

    /**
     * Whether a path inside the rule folder is a rule file (not a hidden file, temp file or
     * scenario).
     */
    public static boolean isRuleFile(Path relative) {
        if (hidden(relative)) {
            return false;
        }
        String name = relative.getFileName().toString();
        return name.endsWith(".drl") && !name.endsWith("~");
    }

    /**
     * Whether a path inside the rule folder is a scenario: {@code scenarios/*.json}, not hidden.
     */
    public static boolean isScenarioFile(Path relative) {
        return relative.getNameCount() == 2
                && relative.getName(0).toString().equals(SCENARIOS)
                && !hidden(relative)
                && relative.getFileName().toString().endsWith(".json");
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            String s = part.toString();
            if (s.startsWith(".") || s.startsWith("#")) {
                return true;
            }
        }
        return false;
    }

    /** The text of a file, rule or scenario, as UTF-8; null if there is no such file. */
    public String text(String file) {
        byte[] content = rules.containsKey(file) ? rules.get(file) : scenarios.get(file);
        return content == null ? null : new String(content, StandardCharsets.UTF_8);
    }

    private static Map<String, byte[]> sorted(Map<String, byte[]> files) {
        List<String> names = new ArrayList<>(files.keySet());
        names.sort(Comparator.naturalOrder());
        Map<String, byte[]> out = new LinkedHashMap<>();
        names.forEach(n -> out.put(n, files.get(n)));
        return out;
    }

    static String hash(Map<String, byte[]> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                sha.update(f.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(f.getValue());
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
