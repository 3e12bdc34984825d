package dev.tiering.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.tiering.profile.FieldError;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a Jackson failure into a field error: the JSON path of the bad value and a message that names no Java
 * class (bodies must not leak internals).
 */
final class JsonPaths {
    private JsonPaths() {
    }

    static FieldError toFieldError(JsonProcessingException e) {
        String field = "$";
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            field = path(m);
        }
        return new FieldError(field, message(e));
    }

    static String path(JsonMappingException e) {
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
        if (e instanceof StreamConstraintsException) {
            return "request too large or too deeply nested";
        }
        if (e instanceof InputCoercionException) {
            return "number out of range";
        }
        if (e instanceof InvalidFormatException f) {
            Class<?> target = f.getTargetType();
            if (target != null && target.isEnum()) {
                return "unknown value '" + f.getValue() + "'; must be one of "
                        + Arrays.stream(target.getEnumConstants()).map(Object::toString)
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
        return "malformed JSON" + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr());
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
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
