package dev.tiering.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;

/**
 * The first, readable pass over a candidate's rule files, before anything is compiled: files capped
 * in size (a huge file would keep the compiler busy for minutes), and only the parts of DRL a
 * classification needs. A rule file holds a package, imports, globals, functions and rules; rules
 * take the attributes that order or group them. Declared types, queries, windows, entry points,
 * imported accumulate functions and the attributes that start timers are refused here, with file
 * and line.
 *
 * <p>What the code in a rule file may call is not decided here: the rules are compiled to bytecode
 * and the sandbox ({@code engine.sandbox}) checks that against its allowlist, however the text
 * spells it.
 */
public final class RuleVetter {
    /** Largest rule file, in bytes. */
    public static final int MAX_FILE_BYTES = 1 << 20;

    /** Largest rule set (all its rule files), in bytes. */
    public static final int MAX_TOTAL_BYTES = 8 << 20;

    /**
     * Most problems reported for one rule set; a file of garbage would otherwise list thousands.
     */
    public static final int MAX_ERRORS = 50;

    /** The rule attributes a rule may have: none of them starts a timer or a thread. */
    static final Set<String> ATTRIBUTES =
            Set.of(
                    "salience",
                    "no-loop",
                    "lock-on-active",
                    "agenda-group",
                    "activation-group",
                    "auto-focus",
                    "ruleflow-group",
                    "date-effective",
                    "date-expires",
                    "enabled",
                    "dialect");

    /** Attributes whose value Drools would otherwise run as code, and the literal each must be. */
    private static final Map<String, String> LITERAL_ATTRIBUTES =
            Map.of(
                    "salience", "-?\\d{1,9}",
                    "enabled", "true|false",
                    "no-loop", "true|false|",
                    "lock-on-active", "true|false|",
                    "auto-focus", "true|false|");

    /** A metadata value that is data: a quoted string, a number, true or false. */
    private static final Pattern LITERAL =
            Pattern.compile("\"([^\"\\\\]|\\\\.)*\"|-?\\d+(\\.\\d+)?|true|false");

    private RuleVetter() {}

    /** Whether the files' sizes are within bounds; the errors if not. */
    public static List<RuleError> sizes(RuleSources sources) {
        List<RuleError> errors = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, byte[]> file : sources.rules().entrySet()) {
            int length = file.getValue().length;
            total += length;
            if (length > MAX_FILE_BYTES) {
                errors.add(
                        new RuleError(
                                file.getKey(),
                                0,
                                0,
                                "is "
                                        + length
                                        + " bytes; a rule file may be at most "
                                        + MAX_FILE_BYTES
                                        + " bytes"));
            }
        }
        if (total > MAX_TOTAL_BYTES) {
            errors.add(
                    new RuleError(
                            "",
                            0,
                            0,
                            "the rule files are "
                                    + total
                                    + " bytes together; a rule set may be at most "
                                    + MAX_TOTAL_BYTES
                                    + " bytes"));
        }
        return errors;
    }

    /** Every part of a parsed rule file that a rule set may not have. */
    public static List<RuleError> structure(String file, PackageDescr pkg) {
        List<RuleError> errors = new ArrayList<>();
        pkg.getTypeDeclarations()
                .forEach(
                        d ->
                                refuse(
                                        errors,
                                        file,
                                        d,
                                        "declare " + d.getTypeName(),
                                        "declared types"));
        pkg.getEnumDeclarations()
                .forEach(
                        d ->
                                refuse(
                                        errors,
                                        file,
                                        d,
                                        "declare enum " + d.getTypeName(),
                                        "declared types"));
        pkg.getWindowDeclarations()
                .forEach(d -> refuse(errors, file, d, "declare window " + d.getName(), "windows"));
        pkg.getEntryPointDeclarations()
                .forEach(
                        d ->
                                refuse(
                                        errors,
                                        file,
                                        d,
                                        "declare entry-point " + d.getEntryPointId(),
                                        "entry points"));
        pkg.getAccumulateImports()
                .forEach(
                        d ->
                                refuse(
                                        errors,
                                        file,
                                        d,
                                        "import accumulate " + d.getTarget(),
                                        "accumulate functions of its own"));
        for (RuleDescr rule : pkg.getRules()) {
            if (rule.isQuery()) {
                refuse(errors, file, rule, "query " + rule.getName(), "queries");
            }
            // Drools works out a metadata value that is not a literal by running it as MVEL, while
            // compiling, unseen by the sandbox: only literals may stand there.
            for (AnnotationDescr a : rule.getAnnotations()) {
                for (Map.Entry<String, Object> v : a.getValueMap().entrySet()) {
                    if (!LITERAL.matcher(String.valueOf(v.getValue()).strip()).matches()) {
                        errors.add(
                                new RuleError(
                                        file,
                                        line(a, rule),
                                        0,
                                        "rule '"
                                                + rule.getName()
                                                + "': @"
                                                + a.getName()
                                                + "( "
                                                + v.getValue()
                                                + " ): a metadata value must be a literal (a"
                                                + " quoted string, a number, true or false)"));
                    }
                }
            }
            for (AttributeDescr a : rule.getAttributes().values()) {
                String literal = LITERAL_ATTRIBUTES.get(a.getName());
                if (literal != null && !a.getValue().strip().matches(literal)) {
                    errors.add(
                            new RuleError(
                                    file,
                                    line(a, rule),
                                    0,
                                    "rule '"
                                            + rule.getName()
                                            + "': "
                                            + a.getName()
                                            + " "
                                            + a.getValue().strip()
                                            + ": it must be a literal ("
                                            + (a.getName().equals("salience")
                                                    ? "a whole number"
                                                    : "true or false")
                                            + "), not code"));
                }
                if (!ATTRIBUTES.contains(a.getName())) {
                    errors.add(
                            new RuleError(
                                    file,
                                    line(a, rule),
                                    0,
                                    "rule '"
                                            + rule.getName()
                                            + "': the attribute '"
                                            + a.getName()
                                            + "' is not allowed (a rule may have "
                                            + String.join(
                                                    ", ", ATTRIBUTES.stream().sorted().toList())
                                            + ")"));
                }
            }
        }
        if (pkg.getUnit() != null) {
            refuse(errors, file, pkg.getUnit(), "unit " + pkg.getUnit().getTarget(), "rule units");
        }
        return errors;
    }

    private static void refuse(
            List<RuleError> errors, String file, BaseDescr d, String what, String kind) {
        errors.add(
                new RuleError(
                        file,
                        Math.max(d.getLine(), 0),
                        Math.max(d.getColumn(), 0),
                        "'"
                                + what
                                + "': "
                                + kind
                                + " are not allowed (a rule file holds a package, imports, globals,"
                                + " functions and rules)"));
    }

    private static int line(BaseDescr d, BaseDescr fallback) {
        return d.getLine() > 0 ? d.getLine() : Math.max(fallback.getLine(), 0);
    }

    /** At most {@link #MAX_ERRORS} errors, the last saying how many more there were. */
    public static List<RuleError> cap(List<RuleError> errors) {
        if (errors.size() <= MAX_ERRORS) {
            return errors;
        }
        List<RuleError> capped = new ArrayList<>(errors.subList(0, MAX_ERRORS - 1));
        RuleError last = errors.get(MAX_ERRORS - 1);
        capped.add(
                new RuleError(
                        last.file(),
                        last.line(),
                        last.column(),
                        last.message()
                                + " (and "
                                + (errors.size() - MAX_ERRORS)
                                + " more problems not listed)"));
        return capped;
    }
}
