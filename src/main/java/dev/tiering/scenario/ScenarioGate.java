package dev.tiering.scenario;
import dev.tiering.engine.Outcome;
import dev.tiering.engine.Thresholds;
import dev.tiering.engine.RunawayRuleException;
import dev.tiering.engine.Facts;
import dev.tiering.engine.RuleError;
import dev.tiering.engine.RuleCompilationException;
import dev.tiering.engine.RuleEngine;
import dev.tiering.engine.RuleSet;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.tiering.model.RiskCode;
import dev.tiering.model.Stage;
import dev.tiering.model.Tier;
import dev.tiering.codec.JsonPaths;
import dev.tiering.model.FieldError;
import dev.tiering.model.InvalidProfileException;
import dev.tiering.model.OperatorProfile;
import dev.tiering.model.ProfileValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.kie.api.runtime.rule.ConsequenceException;

/**
 * The check every candidate rule set must pass before it goes live: read {@code scenarios/*.json} from the rule
 * folder and classify each scenario's profile with the candidate; any difference from what the scenario expects
 * refuses the candidate, naming the scenario file and the difference. Plain Java, so tests can run the shipped
 * scenarios without Quarkus.
 */
public final class ScenarioGate {
    /** Subfolder of the rule folder that holds the scenarios. */
    public static final String FOLDER = "scenarios";

    private static final Set<String> EXPECT_FIELDS = Set.of("tier", "stage", "risks", "fullStack");
    private static final Pattern RULE_LINE = Pattern.compile("^\\s*rule\\s+(?:\"([^\"]*)\"|'([^']*)'|(\\S+))");

    private final ObjectReader reader;
    private final ProfileValidator validator;
    private final RuleEngine engine;
    private final Clock clock;

    /**
     * @param json      parses the files; it needs Java time support (the app's mapper has it)
     * @param validator checks each profile like the API does; null skips that check
     */
    public ScenarioGate(ObjectMapper json, ProfileValidator validator, RuleEngine engine, Clock clock) {
        this.reader = json.readerFor(ScenarioFile.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        this.validator = validator;
        this.engine = engine;
        this.clock = clock;
    }

    /** One scenario file as written. */
    record ScenarioFile(String name, String description, LocalDate asOf, Map<String, Double> assumes,
            OperatorProfile profile, JsonNode expect) {
    }

    /**
     * Reads every scenario of a rule folder, sorted by file name; none if there is no scenarios folder.
     *
     * @throws RuleCompilationException naming every file that cannot be read, with line and column where known
     */
    public List<Scenario> read(Path ruleDir) {
        Path dir = ruleDir.resolve(FOLDER);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(Files::isRegularFile)
                    .filter(p -> isScenarioFile(p.getFileName().toString()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new RuleCompilationException("scenarios unreadable",
                    List.of(new RuleError(FOLDER, 0, 0, "cannot list the scenarios folder: " + e.getMessage())));
        }
        List<Scenario> scenarios = new ArrayList<>();
        List<RuleError> errors = new ArrayList<>();
        for (Path p : files) {
            String file = FOLDER + "/" + p.getFileName();
            try {
                scenarios.add(parse(file, Files.readAllBytes(p), errors));
            } catch (IOException e) {
                errors.add(new RuleError(file, 0, 0, "cannot read: " + e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new RuleCompilationException("scenarios unreadable", errors);
        }
        return List.copyOf(scenarios);
    }

    /** Whether a file in the scenarios folder is a scenario (JSON, not hidden, not an editor's temp file). */
    static boolean isScenarioFile(String name) {
        return name.endsWith(".json") && !name.startsWith(".") && !name.startsWith("#");
    }

    /** Parses one file; on problems adds them to {@code errors} and returns null. */
    Scenario parse(String file, byte[] content, List<RuleError> errors) {
        ScenarioFile raw;
        try {
            raw = reader.readValue(content);
        } catch (JsonProcessingException e) {
            errors.add(jsonError(file, e));
            return null;
        } catch (IOException e) {
            errors.add(new RuleError(file, 0, 0, "cannot read: " + e.getMessage()));
            return null;
        }
        int before = errors.size();
        if (raw == null) {
            errors.add(new RuleError(file, 0, 0, "empty file; a scenario is a JSON object"));
            return null;
        }
        if (raw.profile() == null) {
            errors.add(new RuleError(file, 0, 0, "profile: required"));
        } else if (validator != null) {
            try {
                validator.check(raw.profile(), "profile");
            } catch (InvalidProfileException e) {
                for (FieldError f : e.errors()) {
                    errors.add(new RuleError(file, 0, 0, f.field() + ": " + f.message()));
                }
            }
        }
        List<String> problems = new ArrayList<>();
        Scenario.Expect expect = expect(raw.expect(), problems);
        problems.forEach(m -> errors.add(new RuleError(file, 0, 0, m)));
        if (errors.size() > before) {
            return null;
        }
        String name = raw.name() == null || raw.name().isBlank()
                ? file.substring(FOLDER.length() + 1, file.length() - ".json".length()) : raw.name();
        return new Scenario(file, name, raw.description(), raw.asOf(), raw.profile(), expect,
                raw.assumes() == null ? Map.of() : Map.copyOf(raw.assumes()));
    }

    private static Scenario.Expect expect(JsonNode node, List<String> problems) {
        if (node == null || node.isNull()) {
            problems.add("expect: required, e.g. {\"tier\": \"TIER_1\", \"stage\": \"NEOCLOUD\", \"risks\": []}");
            return null;
        }
        if (!node.isObject()) {
            problems.add("expect: must be a JSON object");
            return null;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String n = names.next();
            if (!EXPECT_FIELDS.contains(n)) {
                problems.add("expect." + n + ": unknown field; allowed: tier, stage, risks, fullStack");
            }
        }
        Tier tier = null;
        if (!node.has("tier") || node.get("tier").isNull()) {
            problems.add("expect.tier: required");
        } else {
            tier = enumValue(Tier.class, node.get("tier"), "expect.tier", problems);
        }
        boolean checkStage = node.has("stage");
        Stage stage = checkStage && !node.get("stage").isNull()
                ? enumValue(Stage.class, node.get("stage"), "expect.stage", problems) : null;
        Set<RiskCode> risks = null;
        if (node.has("risks")) {
            JsonNode list = node.get("risks");
            if (!list.isArray()) {
                problems.add("expect.risks: must be a list of risk codes ([] for none)");
            } else {
                risks = EnumSet.noneOf(RiskCode.class);
                for (int i = 0; i < list.size(); i++) {
                    RiskCode code = enumValue(RiskCode.class, list.get(i), "expect.risks[" + i + "]", problems);
                    if (code != null) {
                        risks.add(code);
                    }
                }
            }
        }
        Boolean fullStack = null;
        if (node.has("fullStack")) {
            if (node.get("fullStack").isBoolean()) {
                fullStack = node.get("fullStack").booleanValue();
            } else {
                problems.add("expect.fullStack: must be true or false");
            }
        }
        return new Scenario.Expect(tier, checkStage, stage,
                risks == null ? null : Collections.unmodifiableSet(risks), fullStack);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, JsonNode node, String path,
            List<String> problems) {
        String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        if (node == null || !node.isTextual()) {
            problems.add(path + ": must be one of " + allowed);
            return null;
        }
        try {
            return Enum.valueOf(type, node.textValue());
        } catch (IllegalArgumentException e) {
            problems.add(path + ": unknown value '" + node.textValue() + "'; must be one of " + allowed);
            return null;
        }
    }

    /**
     * Checks a candidate against scenarios.
     *
     * @param ruleFiles the candidate's rule files (path to content), to give the line of a runaway rule
     * @return the scenarios skipped because the candidate's thresholds differ from those they assume, each with
     *         why ({@code scenarios/iren.json: assumes massiveBacklogUsd = 1000000000, the rules have 2.0E10})
     * @throws RuleCompilationException naming each failing scenario file and each difference
     */
    public List<String> check(RuleSet candidate, List<Scenario> scenarios, Map<String, byte[]> ruleFiles) {
        List<String> skipped = new ArrayList<>();
        List<RuleError> errors = new ArrayList<>();
        // A runaway rule usually runs away on many scenarios: one error per rule, listing where.
        Map<String, List<String>> runaways = new LinkedHashMap<>();
        Map<String, RunawayRuleException> firstRunaway = new LinkedHashMap<>();
        int failing = 0;
        for (Scenario s : scenarios) {
            List<RuleError> d;
            String unmet;
            try {
                unmet = unmetAssumption(candidate, s);
            } catch (IllegalArgumentException e) {
                errors.add(new RuleError(s.file(), 0, 0, e.getMessage()));
                failing++;
                continue;
            }
            if (unmet != null) {
                skipped.add(s.file() + ": " + unmet);
                continue;
            }
            try {
                d = compare(s, classify(candidate, s));
            } catch (RunawayRuleException e) {
                String key = e.file() + "\u0000" + e.rule();
                firstRunaway.putIfAbsent(key, e);
                runaways.computeIfAbsent(key, k -> new ArrayList<>()).add(s.file());
                failing++;
                continue;
            } catch (RuntimeException e) {
                d = List.of(failure(candidate, s, e, ruleFiles));
            }
            failing += d.isEmpty() ? 0 : 1;
            errors.addAll(d);
        }
        runaways.forEach((key, where) -> errors.add(runaway(firstRunaway.get(key), where, ruleFiles)));
        if (!errors.isEmpty()) {
            throw new RuleCompilationException(failing + " of " + scenarios.size() + " scenarios fail", errors);
        }
        return List.copyOf(skipped);
    }

    /**
     * Null when every threshold the scenario assumes has that value in the candidate; else which one differs.
     *
     * @throws IllegalArgumentException if the scenario assumes a threshold no rule file declares
     */
    static String unmetAssumption(RuleSet candidate, Scenario s) {
        for (Map.Entry<String, Double> a : new java.util.TreeMap<>(s.assumes()).entrySet()) {
            java.util.OptionalDouble actual = Thresholds.value(candidate, a.getKey());
            if (actual.isEmpty()) {
                throw new IllegalArgumentException("assumes '" + a.getKey() + "', but no rule file declares a"
                        + " function of that name");
            }
            double want = a.getValue();
            if (Math.abs(actual.getAsDouble() - want) > Math.abs(want) * 1e-12) {
                return "assumes " + a.getKey() + " = " + plain(want) + ", the rules have " + plain(actual.getAsDouble());
            }
        }
        return null;
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** What differs between a scenario's expectation and the candidate's answer; empty when they agree. */
    public List<RuleError> differences(RuleSet candidate, Scenario s, Map<String, byte[]> ruleFiles) {
        try {
            return compare(s, classify(candidate, s));
        } catch (RunawayRuleException e) {
            return List.of(runaway(e, List.of(s.file()), ruleFiles));
        } catch (RuntimeException e) {
            return List.of(failure(candidate, s, e, ruleFiles));
        }
    }

    private Outcome classify(RuleSet candidate, Scenario s) {
        LocalDate asOf = s.asOf() != null ? s.asOf() : LocalDate.now(clock);
        return engine.classify(candidate, Facts.of(s.profile(), asOf));
    }

    private RuleError runaway(RunawayRuleException e, List<String> scenarioFiles, Map<String, byte[]> ruleFiles) {
        String where = scenarioFiles.size() == 1 ? "scenario " + scenarioFiles.get(0)
                : scenarioFiles.size() + " scenarios (" + String.join(", ", scenarioFiles.subList(0,
                        Math.min(3, scenarioFiles.size()))) + (scenarioFiles.size() > 3 ? ", ..." : "") + ")";
        return new RuleError(e.file(), lineOfRule(ruleFiles, e.file(), e.rule()), 0,
                "rule '" + e.rule() + "' kept firing on " + where + ": stopped after " + engine.maxFirings()
                        + " firings (does it modify a fact it matches, without no-loop?)");
    }

    private static RuleError failure(RuleSet candidate, Scenario s, RuntimeException e,
            Map<String, byte[]> ruleFiles) {
        if (e instanceof ConsequenceException c && c.getMatch() != null) {
            String rule = c.getMatch().getRule().getName();
            String file = candidate.fileOf(c.getMatch().getRule().getPackageName(), rule);
            return new RuleError(file, lineOfRule(ruleFiles, file, rule), 0,
                    "rule '" + rule + "' failed on scenario " + s.file() + ": " + rootMessage(e));
        }
        return new RuleError(s.file(), 0, 0, "the rules failed on this scenario: " + rootMessage(e));
    }

    private static List<RuleError> compare(Scenario s, Outcome o) {
        Scenario.Expect x = s.expect();
        List<RuleError> out = new ArrayList<>();
        if (o.tier() != x.tier()) {
            out.add(new RuleError(s.file(), 0, 0, "expected tier " + x.tier() + " but got " + o.tier()));
        }
        if (x.checkStage() && !Objects.equals(o.stage(), x.stage())) {
            out.add(new RuleError(s.file(), 0, 0, "expected stage " + orNone(x.stage()) + " but got "
                    + orNone(o.stage())));
        }
        if (x.risks() != null) {
            Set<RiskCode> got = o.risks().isEmpty() ? EnumSet.noneOf(RiskCode.class)
                    : EnumSet.copyOf(o.risks().keySet());
            if (!got.equals(x.risks())) {
                out.add(new RuleError(s.file(), 0, 0, "expected risks " + x.risks() + " but got " + got));
            }
        }
        if (x.fullStack() != null && x.fullStack() != o.fullStack()) {
            out.add(new RuleError(s.file(), 0, 0, "expected fullStack " + x.fullStack() + " but got "
                    + o.fullStack()));
        }
        return out;
    }

    private static String orNone(Stage stage) {
        return stage == null ? "none" : stage.name();
    }

    /** The 1-based line where {@code rule "name"} is declared in a file, or 0 if it cannot be found. */
    public static int lineOfRule(Map<String, byte[]> ruleFiles, String file, String rule) {
        byte[] content = ruleFiles == null || file == null ? null : ruleFiles.get(file);
        if (content == null || rule == null) {
            return 0;
        }
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = RULE_LINE.matcher(lines[i]);
            if (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                if (rule.equals(name)) {
                    return i + 1;
                }
            }
        }
        return 0;
    }

    /** The innermost message of a failure, without exception class names (they must not reach problem bodies). */
    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? "failed without a message" : m.strip();
    }

    /** A JSON problem in a scenario file: where (line, column) and what, without Java class names. */
    static RuleError jsonError(String file, JsonProcessingException e) {
        // A syntax error inside a nested value reaches us wrapped in a mapping error: report the syntax error.
        if (e instanceof JsonMappingException && e.getCause() instanceof StreamReadException syntax) {
            e = syntax;
        }
        JsonLocation loc = e.getLocation();
        int line = loc == null ? 0 : Math.max(loc.getLineNr(), 0);
        int column = loc == null ? 0 : Math.max(loc.getColumnNr(), 0);
        String path = e instanceof JsonMappingException m ? JsonPaths.path(m) : "";
        path = "$".equals(path) ? "" : path;
        String what;
        if (e instanceof UnrecognizedPropertyException) {
            what = "unknown field";
        } else if (e instanceof InvalidFormatException f && f.getTargetType() != null
                && f.getTargetType().isEnum()) {
            what = "unknown value '" + f.getValue() + "'; must be one of "
                    + Arrays.stream(f.getTargetType().getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        } else if (e instanceof InvalidFormatException f && f.getTargetType() == LocalDate.class) {
            what = "must be an ISO date such as 2026-05-07";
        } else if (e instanceof JsonMappingException) {
            what = "wrong type or invalid value";
        } else {
            what = "malformed JSON: " + e.getOriginalMessage();
        }
        return new RuleError(file, line, column, path.isEmpty() ? what : path + ": " + what);
    }
}
