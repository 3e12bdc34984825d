package dev.tiering.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.tiering.cli.CheckReport.Coverage;
import dev.tiering.cli.CheckReport.Moves;
import dev.tiering.cli.CheckReport.Problem;
import dev.tiering.cli.CheckReport.RuleRef;
import dev.tiering.cli.CheckReport.ScenarioOutcome;
import dev.tiering.cli.CheckReport.Status;
import dev.tiering.codec.JsonPaths;
import dev.tiering.engine.Classifier;
import dev.tiering.engine.Failures;
import dev.tiering.engine.RuleCompilationException;
import dev.tiering.engine.RuleCompiler;
import dev.tiering.engine.RuleError;
import dev.tiering.engine.RuleScope;
import dev.tiering.engine.RuleSet;
import dev.tiering.engine.RuleSources;
import dev.tiering.engine.RunawayRuleException;
import dev.tiering.model.FieldError;
import dev.tiering.model.OperatorProfile;
import dev.tiering.model.ProfileValidator;
import dev.tiering.model.Tier;
import dev.tiering.model.TierChange;
import dev.tiering.scenario.Scenario;
import dev.tiering.scenario.ScenarioCheck;
import dev.tiering.scenario.ScenarioReader;
import dev.tiering.scenario.ScenarioResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The checking half of the check command: a rule folder compiled, its scenarios run one by one, the
 * rules they fired counted, and (optionally) a set of operators classified with a baseline folder
 * and with this one. It prints nothing and never exits; {@link CheckCommand} prints the {@link
 * CheckReport} it returns. It uses the service's own compiler, scenario reader and check, and
 * classifier: what passes here passes the service's gate.
 */
public final class FolderCheck {
    private final RuleCompiler compiler;
    private final ScenarioReader reader;
    private final ScenarioCheck check;
    private final Classifier classifier;
    private final ObjectMapper json;
    private final ProfileValidator validator;

    public FolderCheck(
            RuleCompiler compiler,
            ScenarioCheck check,
            Classifier classifier,
            ObjectMapper json,
            ProfileValidator validator) {
        this.compiler = compiler;
        this.reader = new ScenarioReader(json, validator);
        this.check = check;
        this.classifier = classifier;
        this.json = json;
        this.validator = validator;
    }

    /** Checks the folder of {@code options}. */
    public CheckReport run(CheckOptions options) {
        return run(options, rules -> {});
    }

    /**
     * Checks the folder of {@code options}, handing the compiled rule set (when it compiles) to
     * {@code compiled}.
     */
    public CheckReport run(CheckOptions options, Consumer<RuleSet> compiled) {
        return run(options, compiled, false);
    }

    /**
     * The service's gate, as the checker runs it: {@link #run(CheckOptions, Consumer)}, but the
     * scenarios after the first on which a rule runs away are not run. Such a rule is refused
     * whatever the others say, and each scenario it runs away on costs its whole budget (about a
     * tenth of a second of 5,000,000 steps): an analyst who saved an endless loop would otherwise
     * wait for it on every scenario, 4 to 5 s for the shipped 38.
     */
    public CheckReport gate(Path dir, Consumer<RuleSet> compiled) {
        return run(new CheckOptions(dir, null, null, null, null, true), compiled, true);
    }

    private CheckReport run(
            CheckOptions options, Consumer<RuleSet> compiled, boolean stopAtRunaway) {
        String dir = options.dir().toString();
        List<Problem> errors = new ArrayList<>();
        RuleSources sources;
        try {
            sources = RuleSources.read(options.dir());
        } catch (RuleCompilationException e) {
            e.errors().forEach(err -> errors.add(problem(options.dir(), err)));
            return new CheckReport(dir, null, false, List.of(), errors, List.of(), null, null);
        }
        RuleSet rules = null;
        try {
            rules = compiler.compile(sources);
            compiled.accept(rules);
        } catch (RuleCompilationException e) {
            e.errors().forEach(err -> errors.add(problem(options.dir(), err)));
        }
        List<ScenarioOutcome> outcomes =
                scenarios(options.dir(), sources, rules, errors, stopAtRunaway);
        Coverage coverage = rules == null ? null : coverage(rules, outcomes, options.minCoverage());
        Moves moves =
                options.operators() == null || rules == null ? null : moves(options, rules, errors);
        return new CheckReport(
                dir,
                sources.version(),
                rules != null,
                List.copyOf(sources.rules().keySet()),
                errors,
                outcomes,
                coverage,
                moves);
    }

    /**
     * Each scenario file read on its own, so that one unreadable file does not hide the results of
     * the others.
     */
    private List<ScenarioOutcome> scenarios(
            Path dir,
            RuleSources sources,
            RuleSet rules,
            List<Problem> errors,
            boolean stopAtRunaway) {
        Map<String, RuleRef> byKey = new HashMap<>();
        if (rules != null) {
            rules.rules().forEach(r -> byKey.put(ScenarioResult.key(r.file(), r.name()), ref(r)));
        }
        List<ScenarioOutcome> outcomes = new ArrayList<>();
        Map<ScenarioResult.Runaway, List<String>> runaways = new LinkedHashMap<>();
        sources.scenarios()
                .forEach(
                        (file, content) -> {
                            String fallbackName = file.substring(file.lastIndexOf('/') + 1);
                            Scenario scenario;
                            try {
                                scenario =
                                        reader.read(RuleSources.of(Map.of(), Map.of(file, content)))
                                                .get(0);
                            } catch (RuleCompilationException e) {
                                List<String> why = new ArrayList<>();
                                for (RuleError err : e.errors()) {
                                    errors.add(problem(dir, err));
                                    why.add(err.message());
                                }
                                outcomes.add(
                                        new ScenarioOutcome(
                                                file,
                                                fallbackName,
                                                Status.UNREADABLE,
                                                why,
                                                null,
                                                List.of(),
                                                0));
                                return;
                            }
                            if (stopAtRunaway && !runaways.isEmpty()) {
                                ScenarioResult.Runaway first = runaways.keySet().iterator().next();
                                outcomes.add(
                                        notRun(
                                                file,
                                                scenario.name(),
                                                "rule '"
                                                        + first.rule()
                                                        + "' ("
                                                        + first.file()
                                                        + ") ran away on an earlier scenario"));
                                return;
                            }
                            if (rules == null) {
                                outcomes.add(
                                        notRun(file, scenario.name(), "the rules do not compile"));
                                return;
                            }
                            long started = System.nanoTime();
                            ScenarioResult result = check.run(rules, scenario);
                            long millis =
                                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                            List<RuleRef> fired = new ArrayList<>();
                            for (String key : result.firedRules()) {
                                RuleRef r = byKey.get(key);
                                if (r != null) {
                                    fired.add(r);
                                }
                            }
                            if (result.skipped() != null) {
                                outcomes.add(
                                        new ScenarioOutcome(
                                                file,
                                                scenario.name(),
                                                Status.SKIPPED,
                                                List.of(),
                                                result.skipped(),
                                                List.of(),
                                                millis));
                                return;
                            }
                            List<String> differences = new ArrayList<>();
                            for (RuleError err : result.errors()) {
                                errors.add(problem(dir, located(err, content)));
                                differences.add(err.message());
                            }
                            if (result.runaway() != null) {
                                runaways.computeIfAbsent(result.runaway(), k -> new ArrayList<>())
                                        .add(file);
                                differences.add(
                                        "rule '"
                                                + result.runaway().rule()
                                                + "' ("
                                                + result.runaway().file()
                                                + ") "
                                                + result.runaway().what()
                                                + ": "
                                                + result.runaway().why());
                            }
                            outcomes.add(
                                    new ScenarioOutcome(
                                            file,
                                            scenario.name(),
                                            result.passed() ? Status.PASSED : Status.FAILED,
                                            differences,
                                            null,
                                            List.copyOf(fired),
                                            millis));
                        });
        // A rule that runs away usually does so on many scenarios: one error, at the rule, naming
        // where.
        runaways.forEach(
                (rule, where) -> errors.add(problem(dir, check.runawayError(rule, where))));
        return outcomes;
    }

    /** A scenario that could not run, and why. */
    private static ScenarioOutcome notRun(String file, String name, String why) {
        return new ScenarioOutcome(
                file, name, Status.NOT_RUN, List.of(), "not run: " + why, List.of(), 0);
    }

    /** A scenario difference (line 0) moved to the line of the expectation it is about. */
    private static RuleError located(RuleError err, byte[] content) {
        if (err.line() > 0 || !err.file().startsWith(RuleSources.SCENARIOS + "/")) {
            return err;
        }
        int[] at = JsonPositions.find(content, JsonPositions.fieldOf(err.message()));
        return new RuleError(err.file(), at[0], at[1], err.message());
    }

    private static Coverage coverage(RuleSet rules, List<ScenarioOutcome> outcomes, Double min) {
        Set<RuleRef> fired = new HashSet<>();
        outcomes.forEach(o -> fired.addAll(o.fired()));
        List<RuleRef> hit = new ArrayList<>();
        List<RuleRef> missed = new ArrayList<>();
        List<RuleRef> screen = new ArrayList<>();
        for (RuleSet.RuleInfo info : rules.rules()) {
            RuleRef r = ref(info);
            if (RuleScope.of(rules, info) == RuleScope.SCREEN) {
                screen.add(r);
            } else {
                (fired.contains(r) ? hit : missed).add(r);
            }
        }
        return new Coverage(hit, missed, screen, min);
    }

    private Moves moves(CheckOptions options, RuleSet rules, List<Problem> errors) {
        RuleSet baseline;
        try {
            baseline = compiler.compile(RuleSources.read(options.baseline()));
        } catch (RuleCompilationException e) {
            e.errors().forEach(err -> errors.add(problem(options.baseline(), err)));
            return null;
        }
        List<OperatorProfile> profiles = operators(options.operators(), errors);
        if (profiles == null) {
            return null;
        }
        List<TierChange> changes = new ArrayList<>();
        for (OperatorProfile p : profiles) {
            Tier from = tier(baseline, options.baseline(), p, errors);
            Tier to = tier(rules, options.dir(), p, errors);
            if (from != null && to != null && from != to) {
                changes.add(new TierChange(p.ticker(), from, to));
            }
        }
        return new Moves(
                options.operators().toString(),
                options.baseline().toString(),
                baseline.version(),
                profiles.size(),
                changes);
    }

    /**
     * The tier of one operator today, as the dry run classifies it; null (and an error) where the
     * rules fail.
     */
    private Tier tier(RuleSet rules, Path dir, OperatorProfile p, List<Problem> errors) {
        try {
            return classifier.classify(rules, p, null).tier();
        } catch (RunawayRuleException e) {
            errors.add(
                    problem(
                            dir,
                            new RuleError(
                                    e.file(),
                                    e.line(),
                                    0,
                                    "rule '"
                                            + e.rule()
                                            + "' "
                                            + e.what()
                                            + " on operator "
                                            + p.ticker()
                                            + ": "
                                            + e.why())));
        } catch (RuntimeException e) {
            errors.add(
                    problem(
                            dir,
                            new RuleError(
                                    "",
                                    0,
                                    0,
                                    "the rules failed on operator "
                                            + p.ticker()
                                            + ": "
                                            + Failures.rootMessage(e))));
        }
        return null;
    }

    /**
     * The operators file: a JSON array whose elements are profiles (the body of {@code PUT
     * /operators/{ticker}}) or objects with a {@code profile} (an answer of {@code GET
     * /operators/{ticker}}, an entry of the seed file). Each profile is checked like a request.
     * Null (and errors, with line and column) if any is wrong.
     */
    List<OperatorProfile> operators(Path file, List<Problem> errors) {
        String path = file.toString();
        int before = errors.size();
        List<OperatorProfile> profiles = new ArrayList<>();
        // One element at a time, so each error names the line of its element; not the whole
        // document at once.
        ObjectReader element =
                json.readerFor(JsonNode.class)
                        .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        try (JsonParser p = json.createParser(Files.readAllBytes(file))) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                errors.add(
                        new Problem(path, path, 1, 1, "must be a JSON array of operator profiles"));
                return null;
            }
            for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
                JsonLocation at = p.currentTokenLocation();
                JsonNode node = element.readValue(p);
                boolean wrapped = node.isObject() && node.has("profile") && !node.has("ticker");
                String prefix = "[" + i + "]" + (wrapped ? ".profile" : "");
                try {
                    OperatorProfile profile =
                            json.treeToValue(
                                    wrapped ? node.get("profile") : node, OperatorProfile.class);
                    for (FieldError f : validator.errors(profile, prefix)) {
                        errors.add(
                                new Problem(
                                        path,
                                        path,
                                        at.getLineNr(),
                                        at.getColumnNr(),
                                        f.field() + ": " + f.message()));
                    }
                    profiles.add(profile);
                } catch (JsonProcessingException e) {
                    FieldError f = JsonPaths.toFieldError(e);
                    String field =
                            "$".equals(f.field())
                                    ? prefix
                                    : ProfileValidator.join(prefix, f.field());
                    errors.add(
                            new Problem(
                                    path,
                                    path,
                                    at.getLineNr(),
                                    at.getColumnNr(),
                                    field + ": " + f.message()));
                }
            }
            if (p.nextToken() != null) {
                JsonLocation at = p.currentTokenLocation();
                errors.add(
                        new Problem(
                                path,
                                path,
                                at.getLineNr(),
                                at.getColumnNr(),
                                "unexpected content after the array"));
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            errors.add(
                    new Problem(
                            path,
                            path,
                            at == null ? 0 : at.getLineNr(),
                            at == null ? 0 : at.getColumnNr(),
                            "malformed JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            errors.add(new Problem(path, path, 0, 0, "cannot read: " + e.getMessage()));
        }
        return errors.size() > before ? null : profiles;
    }

    private static RuleRef ref(RuleSet.RuleInfo info) {
        return new RuleRef(info.file(), info.line(), info.name());
    }

    /**
     * A problem of a rule folder: its file as a person opens it, the folder joined with the
     * relative name.
     */
    static Problem problem(Path dir, RuleError err) {
        String file = err.file() == null ? "" : err.file();
        boolean ofFolder = file.isEmpty() || file.equals(dir.toString());
        String path = ofFolder ? dir.toString() : dir.resolve(file).toString();
        return new Problem(path, ofFolder ? "" : file, err.line(), err.column(), err.message());
    }
}
