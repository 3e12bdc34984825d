package dev.tiering.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiering.engine.RuleSources;
import dev.tiering.engine.RulesFixture;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A private copy of the real {@code rules/} folder for tests that edit rule files: the real folder
 * is never touched. Copies live under {@code target/rules-copies/}.
 */
public final class RulesCopy {
    private RulesCopy() {}

    /**
     * Points {@code tiering.rules.dir} at a fresh copy of {@code rules/}; one copy per start of the
     * service, shared by the test classes of one profile.
     */
    public abstract static class Profile implements QuarkusTestProfile {
        /** Whether the service watches its copy. */
        protected abstract boolean watch();

        /** More configuration for the service under test. */
        protected Map<String, String> more() {
            return Map.of();
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            Path dir = fresh(getClass().getName().replaceAll("[^A-Za-z0-9]+", "-"));
            Map<String, String> config = new HashMap<>();
            config.put("tiering.rules.dir", dir.toAbsolutePath().toString());
            config.put("tiering.rules.watch", String.valueOf(watch()));
            config.putAll(more());
            return config;
        }
    }

    /**
     * The service on a copy of rules/ that nobody watches (a test reloads when it means to) and on
     * a store seeded with the research note's operators. One profile for every test class that
     * edits the rules or reads the note's operators, so Quarkus starts the service once for all of
     * them: each class puts the rules back after each test, deletes what it stored, and keeps only
     * the note's operators ({@link dev.tiering.store.Api#deleteAllBut}) before it counts the store.
     */
    public static class SeededStore extends Profile {
        @Override
        protected boolean watch() {
            return false;
        }

        @Override
        protected Map<String, String> more() {
            return Map.of("tiering.seed", "true");
        }
    }

    /**
     * The service on a copy of rules/ that nobody watches, checking each candidate in its checker
     * JVM as in production, on an empty store. For the tests of what a reload does (refusals by the
     * checker, a no-op reload at scale): each deletes what it stored and puts the rules back.
     */
    public static class Checked extends Profile {
        @Override
        protected boolean watch() {
            return false;
        }

        @Override
        protected Map<String, String> more() {
            return Map.of(
                    "tiering.rules.isolated-check", "true", "tiering.rules.check-timeout", "PT20S");
        }
    }

    /** The folder the running service reads its rules from. */
    public static Path dir() {
        return Path.of(ConfigProvider.getConfig().getValue("tiering.rules.dir", String.class));
    }

    /** The version of the real rules/ folder, which every fresh or restored copy has too. */
    public static String shippedVersion() {
        return RuleSources.read(RulesFixture.RULES).version();
    }

    static Path fresh(String name) {
        Path dir =
                Path.of("target", "rules-copies", name + "-" + UUID.randomUUID()).toAbsolutePath();
        copyTree(RulesFixture.RULES, dir);
        return dir;
    }

    /**
     * Puts the copy back to exactly the real folder's content, touching only what differs and
     * replacing each file in one atomic move, so a watching service never sees a half-restored
     * folder for longer than it must.
     */
    public static void restore(Path dir) {
        try {
            Set<Path> wanted = new HashSet<>();
            try (Stream<Path> walk = Files.walk(RulesFixture.RULES)) {
                for (Path from : walk.toList()) {
                    Path to = dir.resolve(RulesFixture.RULES.relativize(from).toString());
                    wanted.add(to);
                    if (Files.isDirectory(from)) {
                        Files.createDirectories(to);
                    } else if (!Files.isRegularFile(to) || Files.mismatch(from, to) != -1) {
                        Path temp = to.resolveSibling("." + to.getFileName() + ".tmp");
                        Files.copy(from, temp, StandardCopyOption.REPLACE_EXISTING);
                        Files.move(
                                temp,
                                to,
                                StandardCopyOption.REPLACE_EXISTING,
                                StandardCopyOption.ATOMIC_MOVE);
                    }
                }
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    if (!p.equals(dir) && !wanted.contains(p)) {
                        Files.delete(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces text in a file of the copy; the text must be there. */
    public static void replace(Path file, String from, String to) {
        try {
            String text = Files.readString(file);
            assertThat(text).as("%s", file).contains(from);
            Files.writeString(file, text.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets {@code expect.tier} of a scenario of the copy. */
    public static void expectTier(Path dir, String scenario, String tier) {
        Path file = dir.resolve(RuleSources.SCENARIOS).resolve(scenario);
        try {
            ObjectNode root = (ObjectNode) RulesFixture.JSON.readTree(file.toFile());
            ((ObjectNode) root.get("expect")).put("tier", tier);
            Files.writeString(
                    file,
                    RulesFixture.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Raises the massive-backlog threshold of {@code tiers.drl} from USD 1 B to USD 20 B, and
     * (unless {@code ruleOnly}) moves the scenarios that pin the old threshold with it, as an
     * analyst would.
     */
    public static void raiseMassiveBacklogTo20B(Path dir, boolean ruleOnly) {
        replace(
                dir.resolve("tiers.drl"),
                "function double massiveEstablishedBacklogUsd() { return 1000000000.0; }",
                "function double massiveEstablishedBacklogUsd() { return 20000000000.0; }");
        if (ruleOnly) {
            return;
        }
        for (String s :
                new String[] {
                    "iren.json",
                    "hut.json",
                    "apld.json",
                    "cifr.json",
                    "wulf.json",
                    "boundary-established-backlog-exactly-1b.json",
                    "boundary-two-established-customers-together-1b.json",
                    "boundary-share-exactly-half.json",
                    "boundary-share-below-half.json"
                }) {
            expectTier(dir, s, "TIER_2");
        }
    }

    private static void copyTree(Path from, Path to) {
        try {
            Files.walkFileTree(
                    from,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs)
                                throws IOException {
                            Files.createDirectories(to.resolve(from.relativize(d).toString()));
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs)
                                throws IOException {
                            Files.copy(
                                    f,
                                    to.resolve(from.relativize(f).toString()),
                                    StandardCopyOption.REPLACE_EXISTING);
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
