package dev.tiering.engine;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Rule and scenario files are UTF-8: anything else would load with replacement characters,
 * silently.
 */
final class Utf8 {
    private Utf8() {}

    /**
     * Null if {@code content} is well-formed UTF-8; else an error naming the line and column of the
     * first bad byte.
     */
    static RuleError check(String file, byte[] content) {
        CharsetDecoder decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            decoder.decode(ByteBuffer.wrap(content));
            return null;
        } catch (CharacterCodingException e) {
            int bad = firstBadByte(content);
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < bad; i++) {
                if (content[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            return new RuleError(
                    file,
                    line,
                    bad - lineStart + 1,
                    "is not valid UTF-8 (byte 0x"
                            + Integer.toHexString(content[bad] & 0xff)
                            + "); save the file as UTF-8");
        }
    }

    private static int firstBadByte(byte[] content) {
        CharsetDecoder decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        var out = java.nio.CharBuffer.allocate(content.length + 1);
        var result = decoder.decode(in, out, true);
        return result.isError() ? Math.min(in.position(), content.length - 1) : 0;
    }
}
