package dev.tiering.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.tiering.model.FieldError;
import java.time.temporal.Temporal;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a Jackson failure into a field error: the JSON path of the bad value and a message that
 * names no Java class (bodies must not leak internals).
 */
public final class JsonPaths {
    private JsonPaths() {}

    /**
     * Longest path reported; deeper than this is an attack on the parser, and the path would be
     * noise.
     */
    private static final int MAX_PATH = 200;

    public static FieldError toFieldError(JsonProcessingException e) {
        String field = "$";
        // For a syntax error (NaN, a cut-off body, bad UTF-8) the parser knows the exact field it
        // stood in; the mapping path, where there is one, stops at the object around it.
        StreamReadException syntax =
                e instanceof StreamReadException r
                        ? r
                        : e.getCause() instanceof StreamReadException r ? r : null;
        if (syntax != null && syntax.getProcessor() != null) {
            field = path(syntax.getProcessor().getParsingContext());
        } else if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            field = path(m);
        }
        return new FieldError(field.length() > MAX_PATH ? "$" : field, message(e));
    }

    static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.push(
                        (c.getParent() == null || c.getParent().inRoot() ? "" : ".")
                                + c.getCurrentName());
            } else if (c.inArray() && c.getCurrentIndex() >= 0) {
                parts.push("[" + c.getCurrentIndex() + "]");
            }
            if (parts.size() > MAX_PATH) {
                return "$";
            }
        }
        return parts.isEmpty() ? "$" : String.join("", parts);
    }

    /**
     * The JSON path of a mapping failure ({@code deals[2].valueUsd}), or {@code $} for the document
     * itself.
     */
    public static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.length() == 0 ? "$" : out.toString();
    }

    private static String message(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown field";
        }
        // A mapping failure often only wraps the parser's complaint (a value the parser could not
        // read); the parser's is the one the client can act on.
        Throwable cause = e.getCause() instanceof JsonProcessingException inner ? inner : e;
        if (cause instanceof StreamConstraintsException) {
            var loc = ((StreamConstraintsException) cause).getLocation();
            String at =
                    loc == null
                            ? ""
                            : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            String raw = String.valueOf(cause.getMessage());
            if (raw.startsWith("Number value length")) {
                return "number with too many digits" + at;
            }
            if (raw.contains("nesting depth")) {
                return "nested too deeply" + at;
            }
            return "value too long" + at;
        }
        if (cause instanceof InputCoercionException) {
            return "number out of range";
        }
        String raw = String.valueOf(cause.getMessage());
        if (raw.contains("Invalid UTF-8")) {
            return "invalid UTF-8; bodies must be UTF-8 encoded";
        }
        if (raw.startsWith("Trailing token")) {
            return "unexpected content after the JSON value";
        }
        if (raw.startsWith("Duplicate field")) {
            return "field given twice";
        }
        if (raw.startsWith("Non-standard token")) {
            return "not a JSON number (NaN and Infinity are not allowed)";
        }
        if (raw.startsWith("Unexpected end-of-input")) {
            return "unexpected end of the body (is the JSON cut off?)";
        }
        if (e instanceof InvalidFormatException f) {
            Class<?> target = f.getTargetType();
            if (target != null && target.isEnum()) {
                return "unknown value '"
                        + f.getValue()
                        + "'; must be one of "
                        + Arrays.stream(target.getEnumConstants())
                                .map(Object::toString)
                                .collect(Collectors.joining(", "));
            }
            if (target != null && Temporal.class.isAssignableFrom(target)) {
                return "must be an ISO date such as 2026-05-07";
            }
            return "invalid value, expected " + describe(target);
        }
        if (e instanceof MismatchedInputException m) {
            Class<?> target = m.getTargetType();
            if (target != null && Temporal.class.isAssignableFrom(target)) {
                return "must be an ISO date such as 2026-05-07";
            }
            return "wrong type, expected " + describe(target);
        }
        if (e instanceof JsonMappingException) {
            return "invalid value";
        }
        var loc = e.getLocation();
        return "malformed JSON"
                + (loc == null
                        ? ""
                        : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr());
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type.isEnum()) {
            return "one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(Object::toString)
                            .collect(Collectors.joining(", "));
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an ISO date";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a JSON array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a JSON object";
        }
        return "another type";
    }
}
