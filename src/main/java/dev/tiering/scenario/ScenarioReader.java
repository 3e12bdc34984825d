package dev.tiering.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.tiering.codec.JsonPaths;
import dev.tiering.engine.RuleCompilationException;
import dev.tiering.engine.RuleError;
import dev.tiering.engine.RuleSources;
import dev.tiering.model.FieldError;
import dev.tiering.model.OperatorProfile;
import dev.tiering.model.ProfileValidator;
import dev.tiering.model.RiskCode;
import dev.tiering.model.Stage;
import dev.tiering.model.Tier;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the scenario files of a rule set by binding their JSON to records, and checks each profile
 * as the API checks a request. Every problem of every file is reported at once, with file, line and
 * column where known.
 */
public final class ScenarioReader {
    private final ObjectReader reader;
    private final ProfileValidator validator;

    /**
     * @param json the service's JSON dialect ({@code dev.tiering.codec.Json})
     * @param validator checks each profile like the API does
     */
    public ScenarioReader(ObjectMapper json, ProfileValidator validator) {
        this.reader = json.readerFor(ScenarioFile.class);
        this.validator = validator;
    }

    /** One scenario file as written. */
    record ScenarioFile(
            String name,
            String description,
            LocalDate asOf,
            Map<String, Double> assumes,
            OperatorProfile profile,
            ExpectFile expect) {}

    /**
     * The {@code expect} object as written; {@code stage} tells "no stage" (null) from "not
     * checked" (absent).
     */
    record ExpectFile(Tier tier, ExpectedStage stage, Set<RiskCode> risks, Boolean fullStack) {}

    /**
     * {@code "stage": "BARE_METAL"}, or {@code "stage": null} for "no stage"; absent means not
     * checked.
     */
    @JsonDeserialize(using = ExpectedStage.Reader.class)
    record ExpectedStage(Stage stage) {
        static final class Reader extends JsonDeserializer<ExpectedStage> {
            @Override
            public ExpectedStage deserialize(JsonParser p, DeserializationContext ctxt)
                    throws IOException {
                return new ExpectedStage(ctxt.readValue(p, Stage.class));
            }

            @Override
            public ExpectedStage getNullValue(DeserializationContext ctxt) {
                return new ExpectedStage(null); // written as null: expects no stage
            }

            @Override
            public Object getAbsentValue(DeserializationContext ctxt) {
                return null; // not written: not checked
            }
        }
    }

    /**
     * Every scenario of {@code sources}, sorted by file name.
     *
     * @throws RuleCompilationException naming every file that cannot be read, with line and column
     *     where known
     */
    public List<Scenario> read(RuleSources sources) {
        List<Scenario> scenarios = new ArrayList<>();
        List<RuleError> errors = new ArrayList<>();
        sources.scenarios()
                .forEach(
                        (file, content) -> {
                            Scenario s = parse(file, content, errors);
                            if (s != null) {
                                scenarios.add(s);
                            }
                        });
        if (!errors.isEmpty()) {
            throw new RuleCompilationException("scenarios unreadable", errors);
        }
        return List.copyOf(scenarios);
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
        if (raw == null) {
            errors.add(new RuleError(file, 0, 0, "empty file; a scenario is a JSON object"));
            return null;
        }
        int before = errors.size();
        if (raw.profile() == null) {
            errors.add(new RuleError(file, 0, 0, "profile: required"));
        } else {
            for (FieldError f : validator.errors(raw.profile(), "profile")) {
                errors.add(new RuleError(file, 0, 0, f.field() + ": " + f.message()));
            }
        }
        ExpectFile x = raw.expect();
        if (x == null) {
            errors.add(
                    new RuleError(
                            file,
                            0,
                            0,
                            "expect: required, e.g. {\"tier\": \"TIER_1\", \"stage\": \"NEOCLOUD\","
                                    + " \"risks\": []}"));
        } else if (x.tier() == null) {
            errors.add(new RuleError(file, 0, 0, "expect.tier: required"));
        } else if (x.risks() != null && x.risks().contains(null)) {
            errors.add(
                    new RuleError(
                            file,
                            0,
                            0,
                            "expect.risks: must be a list of risk codes ([] for none)"));
        }
        if (errors.size() > before) {
            return null;
        }
        String name =
                raw.name() == null || raw.name().isBlank()
                        ? file.substring(
                                file.lastIndexOf('/') + 1, file.length() - ".json".length())
                        : raw.name();
        Set<RiskCode> risks =
                x.risks() == null
                        ? null
                        : Collections.unmodifiableSet(
                                x.risks().isEmpty()
                                        ? EnumSet.noneOf(RiskCode.class)
                                        : EnumSet.copyOf(x.risks()));
        Scenario.Expect expect =
                new Scenario.Expect(
                        x.tier(),
                        x.stage() != null,
                        x.stage() == null ? null : x.stage().stage(),
                        risks,
                        x.fullStack());
        return new Scenario(
                file,
                name,
                raw.description(),
                raw.asOf(),
                raw.profile(),
                expect,
                raw.assumes() == null ? Map.of() : Map.copyOf(raw.assumes()));
    }

    /**
     * A JSON problem in a scenario file: where (line, column) and what, without Java class names.
     */
    static RuleError jsonError(String file, JsonProcessingException e) {
        // A syntax error inside a nested value reaches us wrapped in a mapping error: report the
        // syntax error.
        if (e instanceof JsonMappingException
                && e.getCause() instanceof StreamReadException syntax) {
            e = syntax;
        }
        JsonLocation loc = e.getLocation();
        int line = loc == null ? 0 : Math.max(loc.getLineNr(), 0);
        int column = loc == null ? 0 : Math.max(loc.getColumnNr(), 0);
        String path = e instanceof JsonMappingException m ? JsonPaths.path(m) : "";
        path = "$".equals(path) ? "" : path;
        String what;
        if (e instanceof UnrecognizedPropertyException u) {
            what =
                    path.startsWith("expect.")
                            ? "unknown field; allowed: tier, stage, risks, fullStack"
                            : "unknown field";
        } else if (e instanceof InvalidFormatException f
                && f.getTargetType() != null
                && f.getTargetType().isEnum()) {
            what =
                    "unknown value '"
                            + f.getValue()
                            + "'; must be one of "
                            + Arrays.stream(f.getTargetType().getEnumConstants())
                                    .map(Object::toString)
                                    .collect(Collectors.joining(", "));
        } else if (e instanceof MismatchedInputException f
                && f.getTargetType() == LocalDate.class) {
            what = "must be an ISO date such as 2026-05-07";
        } else if (e instanceof JsonMappingException) {
            what = "wrong type or invalid value";
        } else {
            what = "malformed JSON: " + e.getOriginalMessage();
        }
        return new RuleError(file, line, column, path.isEmpty() ? what : path + ": " + what);
    }
}
