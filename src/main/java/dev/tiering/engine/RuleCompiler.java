package dev.tiering.engine;

import dev.tiering.engine.sandbox.Allowlist;
import dev.tiering.engine.sandbox.Budget;
import dev.tiering.engine.sandbox.BudgetExceededError;
import dev.tiering.engine.sandbox.Instrumenter;
import dev.tiering.engine.sandbox.RuleClassLoader;
import dev.tiering.engine.sandbox.RuleClasses;
import java.io.ByteArrayInputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.ParserError;
import org.drools.io.ByteArrayResource;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.internal.builder.KnowledgeBuilderError;

/**
 * Compiles rule sources into a {@link RuleSet}, in steps that each refuse with file and line:
 *
 * <ol>
 *   <li>{@link RuleVetter}: the files' sizes, and only the parts of DRL a classification needs;
 *   <li>the Drools executable model ({@link ExecutableModel}): every condition, consequence and
 *       function becomes bytecode;
 *   <li>the sandbox ({@link RuleClasses}): that bytecode checked against the {@link Allowlist}
 *       before any class of it is loaded, then made to count its steps against a {@link Budget}
 *       ({@link Instrumenter});
 *   <li>the classes defined in a class loader of their own and the KieBase built from their model.
 * </ol>
 *
 * Nothing goes through the KieRepository, so a superseded rule set is garbage once nobody holds it.
 * Along the way the compiler learns, once, where each rule is declared and what each threshold is
 * worth.
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

    private static final String WHAT_RULES_MAY_USE =
            "rule code may use the facts, the model's words, String, numbers, Math, the collections"
                + " of java.util, java.time and java.math (docs/rules.md, \"What a rule file may"
                + " not do\")";

    private final ClassLoader classLoader;

    /** What a compile looks names up through: {@link #classLoader}, its misses remembered. */
    private final ClassLoader lookup;

    private final Clock clock;

    public RuleCompiler(ClassLoader classLoader, Clock clock) {
        this.classLoader = classLoader;
        this.lookup = KnownMisses.over(classLoader);
        this.clock = clock;
    }

    public RuleCompiler() {
        this(RuleCompiler.class.getClassLoader(), Clock.systemUTC());
    }

    /**
     * Compiles the rule files of {@code sources}.
     *
     * @throws RuleCompilationException with file, line and column of every error (at most {@link
     *     RuleVetter#MAX_ERRORS})
     */
    public RuleSet compile(RuleSources sources) {
        return compile(sources, null);
    }

    /**
     * Builds a rule set from {@code sources}, taking the class files of {@code compiled} (made
     * elsewhere from the same sources: by the checker, or at an earlier start) instead of compiling
     * them again; they are checked like fresh ones. Null compiles.
     *
     * @throws RuleCompilationException with file, line and column of every error
     */
    public RuleSet compile(RuleSources sources, CompiledRules compiled) {
        if (sources.rules().isEmpty()) {
            throw new RuleCompilationException(
                    "no rule files",
                    List.of(new RuleError("", 0, 0, "the rule folder holds no .drl file")));
        }
        List<RuleError> refused = new ArrayList<>(RuleVetter.sizes(sources));
        if (!refused.isEmpty()) {
            throw new RuleCompilationException("rules refused", refused);
        }
        Map<String, Parsed> parsed = parse(sources);
        parsed.forEach(
                (file, p) -> {
                    if (p.descr != null) {
                        refused.addAll(RuleVetter.structure(file, p.descr));
                    }
                });
        if (!refused.isEmpty()) {
            throw new RuleCompilationException("rules refused", RuleVetter.cap(refused));
        }
        if (compiled == null || !compiled.version().equals(sources.version())) {
            refused.addAll(imports(parsed));
            if (!refused.isEmpty()) {
                throw new RuleCompilationException("rules do not compile", RuleVetter.cap(refused));
            }
            compiled = generate(sources, parsed);
        }
        RuleClasses classes = RuleClasses.read(compiled.classes(), Allowlist.shipped());
        if (!classes.findings().isEmpty()) {
            Locator locator = new Locator(parsed, classes);
            List<RuleError> errors = new ArrayList<>();
            for (RuleClasses.Finding f : classes.findings()) {
                RuleError e = locator.locate(f);
                if (!errors.contains(e)) {
                    errors.add(e);
                }
            }
            throw new RuleCompilationException("rules refused", RuleVetter.cap(errors));
        }
        RuleClassLoader loader = new RuleClassLoader(classLoader, Instrumenter.instrument(classes));
        InternalKnowledgeBase base;
        Map<String, Double> values;
        try (Budget budget = Budget.open()) {
            List<Model> models = new ArrayList<>();
            for (String model : classes.models()) {
                models.add(
                        (Model)
                                loader.loadClass(model.replace('/', '.'))
                                        .getConstructor()
                                        .newInstance());
            }
            base =
                    KieBaseBuilder.createKieBaseFromModel(
                            models, KieServices.get().newKieBaseConfiguration(null, loader));
            values = thresholds(parsed, classes, loader);
        } catch (BudgetExceededError e) {
            throw new RuleCompilationException(
                    "rules refused",
                    List.of(
                            new RuleError(
                                    firstFile(sources),
                                    0,
                                    0,
                                    "building the rules " + e.getMessage())));
        } catch (InvocationTargetException e) {
            throw new RuleCompilationException(
                    "rules refused",
                    List.of(
                            new RuleError(
                                    firstFile(sources),
                                    0,
                                    0,
                                    "building the rules failed: "
                                            + Failures.rootMessage(e.getCause()))));
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("the compiled rules cannot be loaded", e);
        }
        Map<String, String> ruleOfClass = new HashMap<>();
        for (String c : compiled.classes().keySet()) {
            String rule = classes.ruleOf(c);
            if (rule != null) {
                ruleOfClass.put(c.replace('/', '.'), rule);
            }
        }
        return describe(sources, compiled, ruleOfClass, parsed, base, values);
    }

    /** One file as the DRL parser reads it, with its decoded text. */
    private record Parsed(PackageDescr descr, RuleText text) {}

    private static Map<String, Parsed> parse(RuleSources sources) {
        Map<String, Parsed> out = new LinkedHashMap<>();
        sources.rules()
                .forEach(
                        (file, content) -> {
                            PackageDescr descr = null;
                            try {
                                DrlParser parser = new DrlParser();
                                descr =
                                        parser.parse(
                                                resource(file, content),
                                                new ByteArrayInputStream(content));
                                if (parser.hasErrors()) {
                                    descr = null; // the executable model says where, with its own
                                    // words
                                }
                            } catch (Exception e) {
                                descr = null;
                            }
                            out.put(
                                    file,
                                    new Parsed(
                                            descr,
                                            RuleText.decode(
                                                    new String(content, StandardCharsets.UTF_8))));
                        });
        return out;
    }

    /**
     * Every import that names no class, at its line: the executable model copies a package's
     * imports into each class it makes, where the Java compiler would blame every file at once.
     * Looking a class up does not initialise it, so no code of it runs.
     */
    private List<RuleError> imports(Map<String, Parsed> parsed) {
        List<RuleError> errors = new ArrayList<>();
        parsed.forEach(
                (file, p) -> {
                    if (p.descr == null) {
                        return;
                    }
                    for (ImportDescr i : p.descr.getImports()) {
                        String target = i.getTarget().strip();
                        if (target.endsWith(".*") || resolves(target)) {
                            continue;
                        }
                        errors.add(
                                new RuleError(
                                        file,
                                        Math.max(i.getLine(), 0),
                                        Math.max(i.getColumn(), 0),
                                        "import " + target + ": there is no such class"));
                    }
                });
        return errors;
    }

    private boolean resolves(String className) {
        String name = className;
        while (true) {
            try {
                Class.forName(name, false, lookup);
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                int dot = name.lastIndexOf('.');
                if (dot < 0) {
                    return false;
                }
                name = name.substring(0, dot) + "$" + name.substring(dot + 1); // a nested class
                if (name.indexOf('.') < 0) {
                    return false;
                }
            }
        }
    }

    private CompiledRules generate(RuleSources sources, Map<String, Parsed> parsed) {
        ExecutableModel.Output out = ExecutableModel.compile(sources.rules(), lookup);
        if (!out.errors().isEmpty()) {
            List<RuleError> errors = new ArrayList<>();
            for (KnowledgeBuilderError e : out.errors()) {
                RuleError error = toRuleError(e);
                Parsed p = parsed.get(error.file());
                errors.add(error.line() > 0 || p == null ? error : locate(error, p.text));
            }
            // Drools adds "Parser returned a null Package" after every syntax error: no line,
            // noise.
            Predicate<RuleError> noise =
                    e -> e.line() == 0 && e.message().startsWith("Parser returned a null Package");
            if (!errors.stream().allMatch(noise)) {
                errors.removeIf(noise);
            }
            throw new RuleCompilationException("rules do not compile", RuleVetter.cap(errors));
        }
        if (!out.javaErrors().isEmpty()) {
            List<RuleError> errors = new ArrayList<>();
            for (ExecutableModel.JavaError e : out.javaErrors()) {
                RuleError at = ruleAt(parsed, e.rule());
                String message =
                        (e.rule() == null ? "" : "rule '" + e.rule() + "': ")
                                + "the Java made of it does not compile: "
                                + e.message();
                RuleError error =
                        at == null
                                ? new RuleError(firstFile(sources), 0, 0, message)
                                : within(
                                        new RuleError(at.file(), at.line(), 0, message),
                                        parsed.get(at.file()),
                                        e.rule(),
                                        e.message());
                if (!errors.contains(error)) {
                    errors.add(error);
                }
            }
            throw new RuleCompilationException("rules do not compile", RuleVetter.cap(errors));
        }
        return new CompiledRules(sources.version(), out.classes());
    }

    /**
     * The value of every threshold: a function without parameters that returns a number, read from
     * the model class the executable model made it a static method of.
     */
    private static Map<String, Double> thresholds(
            Map<String, Parsed> parsed, RuleClasses classes, ClassLoader loader)
            throws ReflectiveOperationException {
        Map<String, Double> values = new HashMap<>();
        List<Class<?>> models = new ArrayList<>();
        for (String m : classes.models()) {
            models.add(loader.loadClass(m.replace('/', '.')));
        }
        for (Map.Entry<String, Parsed> entry : parsed.entrySet()) {
            String file = entry.getKey();
            Parsed p = entry.getValue();
            if (p.descr == null) {
                continue;
            }
            for (FunctionDescr f : p.descr.getFunctions()) {
                if (!f.getParameterNames().isEmpty()
                        || !NUMERIC.contains(f.getReturnType().strip())) {
                    continue;
                }
                for (Class<?> model : models) {
                    Method method;
                    try {
                        method = model.getMethod(f.getName());
                    } catch (NoSuchMethodException e) {
                        continue;
                    }
                    if (!Modifier.isStatic(method.getModifiers())) {
                        continue;
                    }
                    Object value;
                    try (Budget budget = Budget.open()) {
                        value = method.invoke(null);
                    } catch (InvocationTargetException thrown) {
                        Throwable cause = thrown.getCause();
                        String what =
                                cause instanceof BudgetExceededError b
                                        ? b.what() + ": " + b.why()
                                        : "failed: " + Failures.rootMessage(cause);
                        throw new RuleCompilationException(
                                "rules refused",
                                List.of(
                                        new RuleError(
                                                file,
                                                f.getLine(),
                                                0,
                                                "function "
                                                        + f.getName()
                                                        + " (read as a threshold: it takes no"
                                                        + " parameters and returns a number) "
                                                        + what)));
                    }
                    if (value instanceof Number n) {
                        values.put(f.getName(), n.doubleValue());
                    }
                }
            }
        }
        return values;
    }

    private RuleSet describe(
            RuleSources sources,
            CompiledRules compiled,
            Map<String, String> ruleOfClass,
            Map<String, Parsed> parsed,
            InternalKnowledgeBase base,
            Map<String, Double> values) {
        // Where each rule is declared: the executable model keeps no resource on its rules.
        Map<String, RuleDescr> declared = new HashMap<>();
        Map<String, String> fileOf = new HashMap<>();
        List<RuleSet.Threshold> thresholds = new ArrayList<>();
        parsed.forEach(
                (file, p) -> {
                    if (p.descr == null) {
                        return;
                    }
                    for (RuleDescr r : p.descr.getRules()) {
                        String key = p.descr.getNamespace() + "." + r.getName();
                        declared.put(key, r);
                        fileOf.put(key, file);
                    }
                    for (FunctionDescr f : p.descr.getFunctions()) {
                        Double v = values.get(f.getName());
                        if (v != null) {
                            thresholds.add(
                                    new RuleSet.Threshold(f.getName(), file, f.getLine(), v));
                        }
                    }
                });
        List<String> fileOrder = new ArrayList<>(sources.rules().keySet());
        List<RuleImpl> all = new ArrayList<>();
        for (KiePackage pkg : base.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                all.add((RuleImpl) rule);
            }
        }
        // File order, then the order of the rules in their file.
        all.sort(
                Comparator.<RuleImpl>comparingInt(
                                r -> fileOrder.indexOf(fileOf.getOrDefault(key(r), "?")))
                        .thenComparingInt(r -> lineOf(declared.get(key(r)))));
        List<RuleSet.RuleInfo> infos = new ArrayList<>(all.size());
        IdentityHashMap<Rule, RuleSet.RuleInfo> byRule = new IdentityHashMap<>();
        Map<String, RuleSet.RuleInfo> byKey = new HashMap<>();
        Map<String, List<String>> namesByFile = new LinkedHashMap<>();
        fileOrder.forEach(f -> namesByFile.put(f, new ArrayList<>()));
        for (RuleImpl rule : all) {
            String key = key(rule);
            String file = fileOf.getOrDefault(key, "?");
            RuleSet.RuleInfo info =
                    new RuleSet.RuleInfo(
                            infos.size(),
                            rule.getName(),
                            rule.getPackageName(),
                            file,
                            lineOf(declared.get(key)),
                            Collections.unmodifiableMap(new LinkedHashMap<>(rule.getMetaData())));
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
                compiled,
                ruleOfClass,
                files,
                infos,
                byRule,
                byKey,
                thresholds,
                hasReasons);
    }

    /**
     * An error the executable model reported without a line, pointed at where the expression it
     * quotes is written (most of its errors quote the expression: "Unable to parse left part of
     * expression: bindingDealz > 0").
     */
    private static RuleError locate(RuleError error, RuleText text) {
        String m = error.message();
        int colon = m.lastIndexOf(": ");
        String quoted = (colon >= 0 ? m.substring(colon + 2) : m).strip();
        if (quoted.endsWith(":")) {
            quoted = quoted.substring(0, quoted.length() - 1).strip();
        }
        if (quoted.isEmpty() && colon > 0) {
            int before = m.lastIndexOf("Expression ", colon);
            quoted = before < 0 ? "" : m.substring(before + "Expression ".length(), colon).strip();
        }
        int[] at = text.find(quoted, 1, Integer.MAX_VALUE);
        if (at == null) {
            for (String word : quoted.split("[^A-Za-z0-9_$]+")) {
                if (word.length() >= 3 && Character.isJavaIdentifierStart(word.charAt(0))) {
                    at = text.find(word, 1, Integer.MAX_VALUE);
                    if (at != null) {
                        break;
                    }
                }
            }
        }
        return at == null ? error : new RuleError(error.file(), at[0], at[1], error.message());
    }

    /** Words of the Java compiler's messages that name nothing in a rule. */
    private static final Set<String> JAVA_WORDS =
            Set.of(
                    "The",
                    "the",
                    "method",
                    "is",
                    "undefined",
                    "for",
                    "type",
                    "cannot",
                    "be",
                    "resolved",
                    "to",
                    "a",
                    "variable",
                    "Type",
                    "mismatch",
                    "convert",
                    "from",
                    "Syntax",
                    "error",
                    "on",
                    "token",
                    "insert",
                    "complete",
                    "not",
                    "applicable",
                    "arguments",
                    "constructor",
                    "field",
                    "visible",
                    "int",
                    "double",
                    "long",
                    "boolean",
                    "String",
                    "Object",
                    "void",
                    "in",
                    "of",
                    "and",
                    "with",
                    "are",
                    "this");

    /**
     * The error pointed at the line of its rule where a name the Java compiler's message quotes is
     * written ("The method usdd(double) is undefined": the line that calls usdd).
     */
    private static RuleError within(RuleError at, Parsed p, String rule, String javaMessage) {
        if (p == null || p.descr == null) {
            return at;
        }
        for (RuleDescr r : p.descr.getRules()) {
            if (!r.getName().equals(rule)) {
                continue;
            }
            int end = r.getEndLine() > 0 ? r.getEndLine() : Integer.MAX_VALUE;
            for (String word : javaMessage.split("[^A-Za-z0-9_$]+")) {
                if (word.length() < 2 || JAVA_WORDS.contains(word)) {
                    continue;
                }
                int[] found = p.text.find(word, r.getLine() + 1, end);
                if (found != null) {
                    return new RuleError(at.file(), found[0], found[1], at.message());
                }
            }
        }
        return at;
    }

    /** Where the rule of that name is declared, as an error without a message; null if nowhere. */
    private static RuleError ruleAt(Map<String, Parsed> parsed, String rule) {
        if (rule == null) {
            return null;
        }
        for (Map.Entry<String, Parsed> e : parsed.entrySet()) {
            if (e.getValue().descr == null) {
                continue;
            }
            for (RuleDescr r : e.getValue().descr.getRules()) {
                if (r.getName().equals(rule)) {
                    return new RuleError(e.getKey(), Math.max(r.getLine(), 0), 0, "");
                }
            }
        }
        return null;
    }

    private static String key(RuleImpl rule) {
        return rule.getPackageName() + "." + rule.getName();
    }

    private static int lineOf(RuleDescr d) {
        return d == null ? 0 : Math.max(d.getLine(), 0);
    }

    /**
     * Points a sandbox refusal at the DRL it came from: the rule (or function) whose code the
     * refused class holds, and within it the line where the refused name is written.
     */
    private static final class Locator {
        private final Map<String, Parsed> parsed;
        private final RuleClasses classes;

        Locator(Map<String, Parsed> parsed, RuleClasses classes) {
            this.parsed = parsed;
            this.classes = classes;
        }

        RuleError locate(RuleClasses.Finding f) {
            String internal = f.className().replace('.', '/');
            String rule = f.rule() != null ? f.rule() : classes.ruleOf(internal);
            String message =
                    "'" + f.what() + "' is not allowed: " + f.why() + "; " + WHAT_RULES_MAY_USE;
            for (Map.Entry<String, Parsed> e : parsed.entrySet()) {
                PackageDescr d = e.getValue().descr;
                if (d == null) {
                    continue;
                }
                if (rule != null) {
                    for (RuleDescr r : d.getRules()) {
                        if (r.getName().equals(rule)) {
                            return at(
                                    e.getKey(),
                                    e.getValue(),
                                    r.getLine(),
                                    r.getEndLine(),
                                    f,
                                    "rule '" + rule + "': " + message);
                        }
                    }
                } else if (classes.isModel(outer(internal))) {
                    for (FunctionDescr fn : d.getFunctions()) {
                        if (fn.getName().equals(f.method())
                                || f.method().startsWith("lambda$" + fn.getName() + "$")) {
                            return at(
                                    e.getKey(),
                                    e.getValue(),
                                    fn.getLine(),
                                    fn.getEndLine(),
                                    f,
                                    "function " + fn.getName() + ": " + message);
                        }
                    }
                }
            }
            // Generated around the rules rather than from one of them: search every file for the
            // name.
            for (Map.Entry<String, Parsed> e : parsed.entrySet()) {
                int[] at = e.getValue().text.find(f.simpleName(), 1, Integer.MAX_VALUE);
                if (at != null) {
                    return new RuleError(e.getKey(), at[0], at[1], message);
                }
            }
            return new RuleError(parsed.keySet().iterator().next(), 0, 0, message);
        }

        private static RuleError at(
                String file, Parsed p, int from, int to, RuleClasses.Finding f, String message) {
            int end = to > 0 ? to : Integer.MAX_VALUE;
            // The rule's own line holds its name, which may well contain the refused word.
            int[] at = p.text.find(f.simpleName(), Math.max(from, 1) + 1, end);
            if (at == null) {
                at = p.text.find(f.simpleName(), Math.max(from, 1), Math.max(from, 1));
            }
            return at == null
                    ? new RuleError(file, Math.max(from, 0), 0, message)
                    : new RuleError(file, at[0], at[1], message);
        }

        private static String outer(String internal) {
            int dollar = internal.indexOf('$');
            return dollar < 0 ? internal : internal.substring(0, dollar);
        }
    }

    private static ByteArrayResource resource(String file, byte[] content) {
        ByteArrayResource resource = new ByteArrayResource(content, "UTF-8");
        resource.setSourcePath(file);
        return resource;
    }

    private static String firstFile(RuleSources sources) {
        return sources.rules().keySet().iterator().next();
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
        int trace = message.indexOf("Problem stacktrace");
        if (trace > 0) {
            message =
                    message.substring(0, trace)
                            .strip(); // the parser's own stack: no help to an author
        }
        return new RuleError(file, line, column, message);
    }
}
