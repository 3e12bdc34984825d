package dev.tiering.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.drl.parser.ParserError;
import org.drools.io.ByteArrayResource;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;

/**
 * Compiles a rule folder into a {@link RuleSet}. It uses the KnowledgeBuilder API and never the KieRepository,
 * so a superseded rule set is garbage once nobody holds it: repeated reloads do not pile up KieModules.
 */
public final class RuleCompiler {
    private final ClassLoader classLoader;
    private final Clock clock;

    public RuleCompiler(ClassLoader classLoader, Clock clock) {
        this.classLoader = classLoader;
        this.clock = clock;
    }

    public RuleCompiler() {
        this(RuleCompiler.class.getClassLoader(), Clock.systemUTC());
    }

    /** The DRL files of a folder with their content, in a stable order; the folder's own version. */
    public record Sources(Map<String, byte[]> files, String version) {
    }

    /** Reads every {@code .drl} file under {@code dir}, skipping hidden and editor temp files. */
    public static Sources read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new RuleCompilationException("rule folder not found",
                    List.of(new RuleError(dir.toString(), 0, 0, "rule folder does not exist")));
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> drl = walk.filter(Files::isRegularFile)
                    .filter(p -> isRuleFile(dir.relativize(p)))
                    .sorted(Comparator.comparing(p -> dir.relativize(p).toString()))
                    .toList();
            for (Path p : drl) {
                files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule folder " + dir, e);
        }
        return new Sources(files, hash(files));
    }

    /** Whether a path inside the rule folder is a rule file (not a hidden file, temp file or scenario). */
    public static boolean isRuleFile(Path relative) {
        for (Path part : relative) {
            String s = part.toString();
            if (s.startsWith(".") || s.startsWith("#")) {
                return false;
            }
        }
        String name = relative.getFileName().toString();
        return name.endsWith(".drl") && !name.endsWith("~");
    }

    /** Compiles a folder; throws {@link RuleCompilationException} with file, line and column on errors. */
    public RuleSet compile(Path dir) {
        return compile(read(dir));
    }

    public RuleSet compile(Sources sources) {
        if (sources.files().isEmpty()) {
            throw new RuleCompilationException("no rule files",
                    List.of(new RuleError("", 0, 0, "the rule folder holds no .drl file")));
        }
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(
                KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(null, classLoader));
        for (Map.Entry<String, byte[]> file : sources.files().entrySet()) {
            var resource = new ByteArrayResource(file.getValue(), "UTF-8");
            resource.setSourcePath(file.getKey());
            builder.add(resource, ResourceType.DRL);
            if (builder.hasErrors()) {
                break; // later files would only repeat errors caused by this one
            }
        }
        if (builder.hasErrors()) {
            List<RuleError> errors = new ArrayList<>();
            for (KnowledgeBuilderError e : builder.getErrors()) {
                errors.add(toRuleError(e));
            }
            // Drools adds "Parser returned a null Package" after every syntax error: it names no line, only noise.
            Predicate<RuleError> noise =
                    e -> e.line() == 0 && e.message().startsWith("Parser returned a null Package");
            if (!errors.stream().allMatch(noise)) {
                errors.removeIf(noise);
            }
            throw new RuleCompilationException("rules do not compile", errors);
        }
        InternalKnowledgeBase base = KnowledgeBaseFactory.newKnowledgeBase(
                KieServices.get().newKieBaseConfiguration(null, classLoader));
        base.addPackages(builder.getKnowledgePackages());

        Map<String, String> fileOfRule = new LinkedHashMap<>();
        Map<String, List<RuleImpl>> rulesByFile = new LinkedHashMap<>();
        sources.files().keySet().forEach(f -> rulesByFile.put(f, new ArrayList<>()));
        for (KiePackage pkg : base.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                RuleImpl impl = (RuleImpl) rule;
                String file = impl.getResource() == null ? "?" : impl.getResource().getSourcePath();
                fileOfRule.put(pkg.getName() + "." + rule.getName(), file);
                rulesByFile.computeIfAbsent(file, k -> new ArrayList<>()).add(impl);
            }
        }
        List<RuleSet.RuleFile> files = new ArrayList<>();
        rulesByFile.forEach((file, rules) -> files.add(new RuleSet.RuleFile(file, rules.stream()
                .sorted(Comparator.comparingInt(RuleImpl::getLoadOrder))
                .map(RuleImpl::getName)
                .toList())));
        boolean hasReasons = base.getKiePackages().stream()
                .anyMatch(p -> p.getGlobalVariables().stream()
                        .anyMatch(g -> g.getName().equals(RuleEngine.REASONS_GLOBAL)));
        return new RuleSet(base, sources.version(), clock.instant(), List.copyOf(files), Map.copyOf(fileOfRule),
                hasReasons);
    }

    private static RuleError toRuleError(KnowledgeBuilderError e) {
        String file = e.getResource() == null || e.getResource().getSourcePath() == null
                ? "?" : e.getResource().getSourcePath();
        int[] lines = e.getLines();
        int line = lines != null && lines.length > 0 ? Math.max(lines[0], 0) : 0;
        int column = e instanceof ParserError p ? Math.max(p.getCol(), 0) : 0;
        String message = e.getMessage() == null ? "error" : e.getMessage().strip();
        return new RuleError(file, line, column, message);
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
