package dev.tiering.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * The one JSON dialect of the service, the scenario files and the check command: strict on the way in (unknown
 * fields, floats where a whole number belongs, strings where a number belongs, numbers where text belongs and
 * anything after the one JSON value of a body are errors, not guesses), ISO dates on the way out.
 */
public final class Json {
    /** Deepest nesting a document may have. */
    public static final int MAX_NESTING = 64;
    /** Most digits a JSON number may have. */
    public static final int MAX_NUMBER_LENGTH = 64;

    private Json() {
    }

    /** A new mapper with the strict settings, for code that runs without Quarkus. */
    public static ObjectMapper mapper() {
        return configure(JsonMapper.builder().addModule(new JavaTimeModule()).addModule(new Jdk8Module()).build());
    }

    /**
     * Blackbird for writing only: it reads bean properties through generated lambdas instead of {@code Method.invoke}
     * (a tenth of a batch's time went to reflection; BENCHMARKS.md, second round). Its readers are left out: they
     * report a bad value without the field's path, and every 400 names the field.
     */
    static Module writeOnly(Module module) {
        return new Module() {
            @Override
            public String getModuleName() {
                return module.getModuleName() + "-write-only";
            }

            @Override
            public Version version() {
                return module.version();
            }

            @Override
            public void setupModule(SetupContext context) {
                module.setupModule((SetupContext) Proxy.newProxyInstance(Json.class.getClassLoader(),
                        new Class<?>[] {SetupContext.class}, (proxy, method, args) -> {
                            if (method.getName().equals("addBeanDeserializerModifier")) {
                                return null;
                            }
                            try {
                                return method.invoke(context, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }));
            }
        };
    }

    /** Applies the strict settings to {@code mapper} (Quarkus' own, or a plain one) and returns it. */
    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        // One JSON value per body: "{...} junk" or two documents back to back are a 400, not a silent truncation.
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // {"id": "a", "id": "b"} would otherwise quietly keep the last one.
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.registerModule(writeOnly(new BlackbirdModule()));
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING)
                // Above the body limit (quarkus.http.limits.max-body-size), so that an oversized body is a 413, not a
                // 400 about one long string; validation caps each text field far lower.
                .maxStringLength(20_000_000)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .build());
        return mapper;
    }
}
