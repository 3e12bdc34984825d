package dev.tiering.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.compiler.builder.impl.KnowledgeBuilderConfigurationImpl;
import org.drools.compiler.compiler.io.memory.MemoryFileSystem;
import org.drools.io.ByteArrayResource;
import org.drools.model.codegen.execmodel.ModelBuilderImpl;
import org.drools.model.codegen.execmodel.ModelWriter;
import org.drools.model.codegen.execmodel.PackageSources;
import org.drools.util.PortablePath;
import org.kie.api.KieServices;
import org.kie.api.builder.ReleaseId;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.CompositeKnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.memorycompiler.CompilationProblem;
import org.kie.memorycompiler.CompilationResult;
import org.kie.memorycompiler.JavaCompiler;
import org.kie.memorycompiler.JavaCompilerFactory;
import org.kie.memorycompiler.JavaConfiguration;

/**
 * Turns DRL into the Drools executable model: Java source for every condition, consequence and
 * function, compiled (by the Eclipse compiler, in memory) into class files that nothing has loaded
 * yet. Those bytes are what the sandbox checks. Nothing here runs a line of rule code, and nothing
 * is registered anywhere (no KieRepository, no KieModule), so a compile leaves nothing behind.
 */
final class ExecutableModel {
    /**
     * One release id for every rule set: the generated classes' names come from it and from the
     * rules' content, and each rule set's classes live in a class loader of their own.
     */
    private static final ReleaseId RELEASE =
            KieServices.get().newReleaseId("dev.tiering", "rules", "1");

    private ExecutableModel() {}

    /** What a compile made: the class files, or why there are none. */
    record Output(
            Map<String, byte[]> classes,
            List<KnowledgeBuilderError> errors,
            List<JavaError> javaErrors) {}

    /**
     * The Java made of a rule does not compile (DRL the executable model copied into Java as it
     * stood, such as a {@code \\u0022} escape that Java reads as a quote).
     *
     * @param rule the rule whose Java it is, or null where the generated code does not say
     */
    record JavaError(String rule, String message) {}

    /** The rules a generated condition names: {@code addRuleNames("rule", "file", ...)}. */
    private static final Pattern CONDITION_OF =
            Pattern.compile("addRuleNames\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** The rule a generated rule method builds: {@code D.rule("package", "rule")}. */
    private static final Pattern RULE_BUILT =
            Pattern.compile("D\\.rule\\(\\s*\"[^\"]*\",\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /**
     * Compiles the DRL files into class files.
     *
     * @param classLoader where the generated code finds the facts and the Drools API
     * @return internal name → class file, or the errors (with file and line where the DRL is at
     *     fault)
     */
    static Output compile(Map<String, byte[]> drl, ClassLoader classLoader) {
        KnowledgeBuilderConfigurationImpl conf =
                KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(null, classLoader)
                        .as(KnowledgeBuilderConfigurationImpl.KEY);
        ModelBuilderImpl<PackageSources> builder =
                new ModelBuilderImpl<>(PackageSources::dumpSources, conf, RELEASE, false);
        // One batch, so that a rule may call a function another file of its package declares.
        CompositeKnowledgeBuilder batch = builder.batch();
        drl.forEach(
                (file, content) -> {
                    ByteArrayResource resource = new ByteArrayResource(content, "UTF-8");
                    resource.setSourcePath(file);
                    batch.add(resource, ResourceType.DRL);
                });
        batch.build();
        if (builder.hasErrors()) {
            List<KnowledgeBuilderError> errors = new ArrayList<>();
            builder.getErrors().forEach(errors::add);
            return new Output(Map.of(), errors, List.of());
        }
        MemoryFileSystem sources = new MemoryFileSystem();
        ModelWriter.Result written =
                new ModelWriter("").writeModel(sources, builder.getPackageSources());
        MemoryFileSystem target = new MemoryFileSystem();
        JavaCompiler javac =
                JavaCompilerFactory.loadCompiler(JavaConfiguration.CompilerType.ECLIPSE, "17");
        CompilationResult result =
                javac.compile(
                        written.getSourceFiles().toArray(String[]::new),
                        sources,
                        target,
                        classLoader);
        if (result.getErrors().length > 0) {
            List<JavaError> errors = new ArrayList<>();
            for (CompilationProblem p : result.getErrors()) {
                errors.add(
                        new JavaError(
                                ruleOf(sources, written, p.getFileName(), p.getStartLine()),
                                p.getMessage()));
            }
            return new Output(Map.of(), List.of(), errors);
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (PortablePath path : target.getFilePaths()) {
            String name = path.asString();
            if (name.endsWith(".class")) {
                classes.put(
                        name.substring(0, name.length() - ".class".length()),
                        target.getBytes(path));
            }
        }
        return new Output(classes, List.of(), List.of());
    }

    /**
     * The rule whose generated source {@code file} is, at {@code line}: a condition names its
     * rules; a rule method builds one; other code is named by the rule method that refers to it.
     */
    private static String ruleOf(
            MemoryFileSystem sources, ModelWriter.Result written, String file, int line) {
        String text = text(sources, file);
        Matcher condition = CONDITION_OF.matcher(text);
        if (condition.find()) {
            return unescape(condition.group(1));
        }
        String built = builtAt(text, offsetOf(text, line));
        if (built != null) {
            return built;
        }
        String simple = file.substring(file.lastIndexOf('/') + 1).replace(".java", "");
        for (String other : written.getSourceFiles()) {
            String t = text(sources, other);
            int at = t.indexOf(simple + ".INSTANCE");
            if (at >= 0 && !other.equals(file)) {
                return builtAt(t, at);
            }
        }
        return null;
    }

    /** The rule built by the rule method that encloses {@code offset}; null if none does. */
    private static String builtAt(String text, int offset) {
        int method = text.lastIndexOf("org.drools.model.Rule rule_", Math.max(offset, 0));
        if (method < 0) {
            return null;
        }
        Matcher m = RULE_BUILT.matcher(text);
        return m.find(method) ? unescape(m.group(1)) : null;
    }

    private static int offsetOf(String text, int line) {
        int at = 0;
        for (int l = 1; l < line && at >= 0; l++) {
            at = text.indexOf('\n', at) + 1;
        }
        return Math.max(at, 0);
    }

    private static String text(MemoryFileSystem fs, String file) {
        byte[] b = fs.getBytes(PortablePath.of(file));
        return b == null ? "" : new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String unescape(String javaString) {
        return javaString.replace("\\\"", "\"").replace("\\\\", "\\");
    }
}
