package dev.tiering.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A bare HTTP/1.1 client over a socket, for requests no ordinary client sends: exact bytes (invalid
 * UTF-8), a declared length far over the limit, a chunked body. The body is written from a second
 * thread so that a server that answers before reading it all (413) is heard, not mistaken for a
 * broken pipe.
 */
final class RawHttp {
    record Reply(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {}

    /** Sends {@code request} exactly as given (head and body), then reads the reply. */
    static Reply exact(int port, String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    /**
     * Sends {@code body} with a Content-Length header (or chunked, in chunks of 64 KiB), then reads
     * the reply.
     */
    static Reply send(
            int port,
            String method,
            String path,
            String contentType,
            String user,
            String password,
            byte[] body,
            boolean chunked)
            throws IOException, InterruptedException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            StringBuilder head =
                    new StringBuilder()
                            .append(method)
                            .append(' ')
                            .append(path)
                            .append(" HTTP/1.1\r\n")
                            .append("Host: localhost:")
                            .append(port)
                            .append("\r\n")
                            .append("Connection: close\r\n");
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            if (user != null) {
                String token =
                        Base64.getEncoder()
                                .encodeToString(
                                        (user + ":" + password).getBytes(StandardCharsets.UTF_8));
                head.append("Authorization: Basic ").append(token).append("\r\n");
            }
            head.append(
                    chunked
                            ? "Transfer-Encoding: chunked\r\n"
                            : "Content-Length: " + body.length + "\r\n");
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread writer = new Thread(() -> writeBody(out, body, chunked), "raw-http-body");
            writer.setDaemon(true);
            writer.start();
            byte[] raw = socket.getInputStream().readAllBytes();
            writer.join(5_000);
            return parse(raw);
        }
    }

    private static void writeBody(OutputStream out, byte[] body, boolean chunked) {
        try {
            int step = 64 * 1024;
            for (int off = 0; off < body.length; off += step) {
                int n = Math.min(step, body.length - off);
                if (chunked) {
                    out.write(
                            (Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.write(body, off, n);
                if (chunked) {
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            }
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        } catch (IOException e) {
            // The server answered early and closed: expected for a body over the limit.
        }
    }

    private static Reply parse(byte[] raw) throws IOException {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (end < 0) {
            throw new IOException(
                    "no complete HTTP reply: " + new String(raw, StandardCharsets.ISO_8859_1));
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        byte[] rest = Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            rest = dechunk(rest);
        } else if (headers.containsKey("content-length")) {
            rest =
                    Arrays.copyOf(
                            rest,
                            Math.min(rest.length, Integer.parseInt(headers.get("content-length"))));
        }
        return new Reply(status, headers, new String(rest, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < in.length) {
            int eol =
                    indexOf(
                            Arrays.copyOfRange(in, pos, in.length),
                            "\r\n".getBytes(StandardCharsets.US_ASCII));
            if (eol < 0) {
                break;
            }
            String size = new String(in, pos, eol, StandardCharsets.US_ASCII).split(";")[0].trim();
            int n = Integer.parseInt(size, 16);
            pos += eol + 2;
            if (n == 0) {
                break;
            }
            out.write(in, pos, Math.min(n, in.length - pos));
            pos += n + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
