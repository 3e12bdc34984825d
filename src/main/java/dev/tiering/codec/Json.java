package dev.tiering.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON dialect of the service, the scenario files and the check command: strict on the way
 * in (unknown fields, floats where a whole number belongs, strings where a number belongs, numbers
 * where text belongs and anything after the one JSON value of a body are errors, not guesses), ISO
 * dates on the way out.
 */
public final class Json {
    /** Deepest nesting a document may have. */
    public static final int MAX_NESTING = 64;

    /** Most digits a JSON number may have. */
    public static final int MAX_NUMBER_LENGTH = 64;

    private Json() {}

    /** A new mapper with the strict settings, for code that runs without Quarkus. */
    public static ObjectMapper mapper() {
        return configure(
                JsonMapper.builder()
                        .addModule(new JavaTimeModule())
                        .addModule(new Jdk8Module())
                        .build());
    }

    /**
     * Applies the strict settings to {@code mapper} (Quarkus' own, or a plain one) and returns it.
     */
    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        // One JSON value per body: "{...} junk" or two documents back to back are a 400, not a
        // silent truncation.
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // {"id": "a", "id": "b"} would otherwise quietly keep the last one.
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.getFactory()
                .setStreamReadConstraints(
                        StreamReadConstraints.builder()
                                .maxNestingDepth(MAX_NESTING)
                                // Above the body limit (quarkus.http.limits.max-body-size), so that
                                // an oversized body is a 413, not a 400 about one long string;
                                // validation caps each text field far lower.
                                .maxStringLength(20_000_000)
                                .maxNumberLength(MAX_NUMBER_LENGTH)
                                .build());
        return mapper;
    }
}
