package dev.tiering;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver inside the test, on a free loopback port: it verifies every delivery as the
 * Standard Webhooks specification tells a receiver to (the secret's bytes, HMAC-SHA256 over {@code
 * id.timestamp.body}, any of the space-separated {@code v1,} signatures), written here from the
 * specification and not from the service's code, and keeps what it took. It can be down (not
 * listening), failing (503) or hanging (never answering).
 */
public final class WebhookReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a delivery carried, and whether its signature held. */
    public record Received(
            String webhookId,
            long timestamp,
            String contentType,
            boolean signatureValid,
            JsonNode cloudEvent,
            long receivedAtMillis) {
        public String ticker() {
            return cloudEvent.path("subject").asText();
        }

        public JsonNode data() {
            return cloudEvent.path("data");
        }
    }

    public enum Mode {
        UP,
        FAILING,
        HANGING
    }

    public final String secret;
    private final byte[] key;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.UP;
    private int port;
    private HttpServer server;
    private ExecutorService pool;

    public WebhookReceiver() throws IOException {
        key = new byte[32];
        new SecureRandom().nextBytes(key);
        secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        start(0);
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    public void mode(Mode m) {
        mode = m;
    }

    /** Stops listening: deliveries find the port closed. */
    public synchronized void down() {
        server.stop(0);
        pool.shutdownNow();
    }

    /** Listens again on the same port. */
    public synchronized void up() throws IOException {
        start(port);
    }

    private void start(int on) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), on), 50);
        pool = Executors.newCachedThreadPool();
        server.setExecutor(pool);
        server.createContext("/hook", this::handle);
        server.start();
        port = server.getAddress().getPort();
    }

    private void handle(HttpExchange x) throws IOException {
        byte[] body;
        try (InputStream in = x.getRequestBody()) {
            body = in.readAllBytes();
        }
        Mode now = mode;
        if (now == Mode.HANGING) {
            try {
                TimeUnit.MINUTES.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.close();
            return;
        }
        if (now == Mode.FAILING) {
            x.sendResponseHeaders(503, -1);
            x.close();
            return;
        }
        String id = x.getRequestHeaders().getFirst("webhook-id");
        String ts = x.getRequestHeaders().getFirst("webhook-timestamp");
        String sig = x.getRequestHeaders().getFirst("webhook-signature");
        received.add(
                new Received(
                        id,
                        ts == null ? -1 : Long.parseLong(ts),
                        x.getRequestHeaders().getFirst("Content-Type"),
                        verify(id, ts, sig, body),
                        JSON.readTree(body),
                        System.currentTimeMillis()));
        x.sendResponseHeaders(204, -1);
        x.close();
    }

    /** The Standard Webhooks check a receiver makes. */
    private boolean verify(String id, String timestamp, String signatures, byte[] body) {
        if (id == null || timestamp == null || signatures == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signed =
                    mac.doFinal(
                            (id + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8))
                                    .getBytes(StandardCharsets.UTF_8));
            for (String s : signatures.split(" ")) {
                if (s.startsWith("v1,")
                        && MessageDigest.isEqual(
                                Base64.getDecoder().decode(s.substring(3)), signed)) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    /** Everything received, in arrival order. */
    public List<Received> received() {
        return new ArrayList<>(received);
    }

    /** What was received for the given operators, in arrival order. */
    public List<Received> of(java.util.Collection<String> tickers) {
        return received.stream().filter(r -> tickers.contains(r.ticker())).toList();
    }

    @Override
    public void close() {
        down();
    }
}
