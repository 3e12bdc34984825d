package dev.tiering.engine;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.Function;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.ParserError;
import org.drools.io.ByteArrayResource;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.CompositeKnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;

/**
 * Compiles rule sources into a {@link RuleSet}. It uses the KnowledgeBuilder API and never the
 * KieRepository, so a superseded rule set is garbage once nobody holds it: repeated reloads do not
 * pile up KieModules. Along the way it learns, once, where each rule is declared and what each
 * threshold is worth.
 */
public final class RuleCompiler {
    /** Names of numeric types a threshold function may return. */
    private static final Set<String> NUMERIC =
            Set.of(
                    "double",
                    "float",
                    "long",
                    "int",
                    "short",
                    "byte",
                    "Double",
                    "Float",
                    "Long",
                    "Integer",
                    "Short",
                    "Byte",
                    "java.lang.Double",
                    "java.lang.Long",
                    "java.lang.Integer");

    private final ClassLoader classLoader;
    private final Clock clock;

    public RuleCompiler(ClassLoader classLoader, Clock clock) {
        this.classLoader = classLoader;
        this.clock = clock;
    }

    public RuleCompiler() {
        this(RuleCompiler.class.getClassLoader(), Clock.systemUTC());
    }

    /**
     * Compiles the rule files of {@code sources}, once {@link RuleVetter} has found nothing in them
     * that reaches outside the rules.
     *
     * @throws RuleCompilationException with file, line and column of every error (at most {@link
     *     RuleVetter#MAX_ERRORS})
     */
    public RuleSet compile(RuleSources sources) {
        if (sources.rules().isEmpty()) {
            throw new RuleCompilationException(
                    "no rule files",
                    List.of(new RuleError("", 0, 0, "the rule folder holds no .drl file")));
        }
        List<RuleError> refused = RuleVetter.vet(sources);
        if (!refused.isEmpty()) {
            throw new RuleCompilationException("rules refused", refused);
        }
        KnowledgeBuilder builder =
                KnowledgeBuilderFactory.newKnowledgeBuilder(
                        KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(
                                null, classLoader));
        // One batch, so that a rule may call a threshold function another file of the package
        // declares (gaps.drl uses those of tiers.drl and stages.drl), whatever the files' order.
        CompositeKnowledgeBuilder batch = builder.batch();
        for (Map.Entry<String, byte[]> file : sources.rules().entrySet()) {
            batch.add(resource(file.getKey(), file.getValue()), ResourceType.DRL);
        }
        batch.build();
        if (builder.hasErrors()) {
            throw new RuleCompilationException(
                    "rules do not compile", RuleVetter.cap(errors(builder)));
        }
        InternalKnowledgeBase base =
                KnowledgeBaseFactory.newKnowledgeBase(
                        KieServices.get().newKieBaseConfiguration(null, classLoader));
        base.addPackages(builder.getKnowledgePackages());

        Map<String, Integer> lines = new HashMap<>();
        List<RuleSet.Threshold> thresholds = new ArrayList<>();
        sources.rules()
                .forEach((file, content) -> describe(file, content, base, lines, thresholds));

        List<RuleImpl> all = new ArrayList<>();
        for (KiePackage pkg : base.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                all.add((RuleImpl) rule);
            }
        }
        // File order, then the order of the rules in their file.
        List<String> fileOrder = new ArrayList<>(sources.rules().keySet());
        all.sort(
                Comparator.<RuleImpl>comparingInt(r -> fileOrder.indexOf(sourcePath(r)))
                        .thenComparingInt(RuleImpl::getLoadOrder));
        List<RuleSet.RuleInfo> infos = new ArrayList<>(all.size());
        IdentityHashMap<Rule, RuleSet.RuleInfo> byRule = new IdentityHashMap<>();
        Map<String, RuleSet.RuleInfo> byKey = new HashMap<>();
        Map<String, List<String>> namesByFile = new LinkedHashMap<>();
        fileOrder.forEach(f -> namesByFile.put(f, new ArrayList<>()));
        for (RuleImpl rule : all) {
            String file = sourcePath(rule);
            String key = rule.getPackageName() + "." + rule.getName();
            RuleSet.RuleInfo info =
                    new RuleSet.RuleInfo(
                            infos.size(),
                            rule.getName(),
                            rule.getPackageName(),
                            file,
                            lines.getOrDefault(file + "\u0000" + key, 0),
                            java.util.Collections.unmodifiableMap(
                                    new LinkedHashMap<>(rule.getMetaData())));
            infos.add(info);
            byRule.put(rule, info);
            byKey.put(key, info);
            namesByFile.computeIfAbsent(file, k -> new ArrayList<>()).add(rule.getName());
        }
        List<RuleSet.RuleFile> files = new ArrayList<>();
        namesByFile.forEach(
                (file, names) -> files.add(new RuleSet.RuleFile(file, List.copyOf(names))));
        boolean hasReasons =
                base.getKiePackages().stream()
                        .anyMatch(
                                p ->
                                        p.getGlobalVariables().stream()
                                                .anyMatch(
                                                        g ->
                                                                g.getName()
                                                                        .equals(
                                                                                RuleEngine
                                                                                        .REASONS_GLOBAL)));
        return new RuleSet(
                base,
                clock.instant(),
                sources,
                files,
                infos,
                byRule,
                byKey,
                thresholds,
                hasReasons);
    }

    private static ByteArrayResource resource(String file, byte[] content) {
        ByteArrayResource resource = new ByteArrayResource(content, "UTF-8");
        resource.setSourcePath(file);
        return resource;
    }

    private static String sourcePath(RuleImpl rule) {
        return rule.getResource() == null ? "?" : rule.getResource().getSourcePath();
    }

    /**
     * Reads one compiled file's declarations: the line of each rule, and the value of each
     * threshold. A threshold's value comes from the class Drools compiled its function into, named
     * by Drools itself ({@link Function#getClassName()}), so it is the number the rules use.
     */
    private void describe(
            String file,
            byte[] content,
            InternalKnowledgeBase base,
            Map<String, Integer> lines,
            List<RuleSet.Threshold> thresholds) {
        PackageDescr descr;
        try {
            descr =
                    new DrlParser()
                            .parse(resource(file, content), new ByteArrayInputStream(content));
        } catch (Exception e) {
            return; // it compiled a moment ago; without descriptors the rules only lose their lines
        }
        if (descr == null) {
            return;
        }
        for (RuleDescr rule : descr.getRules()) {
            lines.put(
                    file + "\u0000" + descr.getNamespace() + "." + rule.getName(), rule.getLine());
        }
        InternalKnowledgePackage pkg =
                (InternalKnowledgePackage) base.getKiePackage(descr.getNamespace());
        for (FunctionDescr f : descr.getFunctions()) {
            if (!f.getParameterNames().isEmpty()
                    || !NUMERIC.contains(f.getReturnType().strip())
                    || pkg == null) {
                continue;
            }
            Function compiled = pkg.getFunctions().get(f.getName());
            if (compiled == null) {
                continue;
            }
            Double value = invoke(base, compiled.getClassName(), f.getName());
            if (value != null) {
                thresholds.add(new RuleSet.Threshold(f.getName(), file, f.getLine(), value));
            }
        }
    }

    private static Double invoke(InternalKnowledgeBase base, String className, String method) {
        try {
            Method m = base.getRootClassLoader().loadClass(className).getMethod(method);
            if (!Modifier.isStatic(m.getModifiers())) {
                return null;
            }
            Object value = m.invoke(null);
            return value instanceof Number n ? n.doubleValue() : null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static List<RuleError> errors(KnowledgeBuilder builder) {
        List<RuleError> errors = new ArrayList<>();
        for (KnowledgeBuilderError e : builder.getErrors()) {
            errors.add(toRuleError(e));
        }
        // Drools adds "Parser returned a null Package" after every syntax error: it names no line,
        // only noise.
        Predicate<RuleError> noise =
                e -> e.line() == 0 && e.message().startsWith("Parser returned a null Package");
        if (!errors.stream().allMatch(noise)) {
            errors.removeIf(noise);
        }
        return errors;
    }

    private static RuleError toRuleError(KnowledgeBuilderError e) {
        String file =
                e.getResource() == null || e.getResource().getSourcePath() == null
                        ? "?"
                        : e.getResource().getSourcePath();
        int[] lines = e.getLines();
        int line = lines != null && lines.length > 0 ? Math.max(lines[0], 0) : 0;
        int column = e instanceof ParserError p ? Math.max(p.getCol(), 0) : 0;
        String message = e.getMessage() == null ? "error" : e.getMessage().strip();
        return new RuleError(file, line, column, message);
    }
}
