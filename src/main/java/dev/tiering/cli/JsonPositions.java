package dev.tiering.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.List;

/**
 * Where a field stands in a JSON file, so that a scenario's difference points at the line of what
 * it expected ({@code "tier": "TIER_1"}) and an editor or a CI annotation lands there.
 */
final class JsonPositions {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonPositions() {}

    /**
     * The line and column (1-based) of the field at {@code path} (object keys from the top), or of
     * the deepest part of it that exists; {@code {0, 0}} where not even the first exists or the
     * file is not JSON.
     */
    static int[] find(byte[] content, List<String> path) {
        int[] found = {0, 0};
        if (content == null || path.isEmpty()) {
            return found;
        }
        try (JsonParser p = FACTORY.createParser(content)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return found;
            }
            for (String key : path) {
                if (!seek(p, key)) {
                    return found;
                }
                JsonLocation at = p.currentTokenLocation();
                found = new int[] {at.getLineNr(), at.getColumnNr()};
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return found;
                }
            }
            return found;
        } catch (IOException | RuntimeException e) {
            return found;
        }
    }

    /** Moves to the key {@code key} of the object just opened; false if the object has none. */
    private static boolean seek(JsonParser p, String key) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            if (key.equals(p.currentName())) {
                return true;
            }
            p.nextToken();
            p.skipChildren();
        }
        return false;
    }

    /**
     * The field a scenario difference is about: {@code expected tier ...} → {@code expect.tier}.
     */
    static List<String> fieldOf(String message) {
        if (message.startsWith("expected ")) {
            int end = message.indexOf(' ', "expected ".length());
            String what = end < 0 ? "" : message.substring("expected ".length(), end);
            return what.isEmpty() ? List.of("expect") : List.of("expect", what);
        }
        if (message.startsWith("assumes")) {
            return List.of("assumes");
        }
        return List.of("profile");
    }
}
