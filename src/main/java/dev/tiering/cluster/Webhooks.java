package dev.tiering.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiering.codec.Json;
import dev.tiering.config.WebhooksConfig;
import dev.tiering.operators.ChangeViews.ChangeView;
import dev.tiering.operators.WebhookUrls;
import dev.tiering.store.ChangeEventRow;
import dev.tiering.store.ChangeLog;
import dev.tiering.store.Database;
import dev.tiering.store.WebhookRepository;
import dev.tiering.store.WebhookRepository.Delivery;
import dev.tiering.store.WebhookRepository.State;
import dev.tiering.store.WebhookRepository.Subscription;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Publishes the change feed and delivers it to the webhook subscriptions, on every replica, off the
 * write path: a write only inserts its event (see {@link ChangeLog}); here, every {@code
 * tiering.webhooks.poll}, committed events get their cursor and their deliveries are queued, and
 * due deliveries are claimed (a lease set with a conditional UPDATE, so that of several replicas
 * one sends each attempt) and sent.
 *
 * <p>Each delivery is a CloudEvent 1.0 in structured JSON (the SDK's Jackson format), signed as
 * Standard Webhooks says, and sent with the Vert.x HTTP client Quarkus itself runs on: no thread
 * waits for a receiver, and each subscription has at most {@code tiering.webhooks.concurrency}
 * deliveries under way, so one that hangs (until {@code tiering.webhooks.timeout}) holds only its
 * own. A delivery waits while an earlier one of the same operator to the same subscription is
 * pending (in order per operator). A failure is tried again after a wait that doubles each time,
 * until {@code tiering.webhooks.retry-for} has passed.
 */
@ApplicationScoped
public class Webhooks {
    private static final Logger LOG = Logger.getLogger(Webhooks.class);

    /** The CloudEvents {@code source} of every event. */
    static final URI SOURCE = URI.create("/operators");

    /** Events published per transaction. */
    private static final int PUBLISH_BATCH = 1000;

    /** A lease outlasts the answer's timeout by this much: time to record the attempt. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(20);

    private final Database db;
    private final WebhooksConfig config;
    private final Clock clock;
    private final Vertx vertx;
    private final ObjectMapper json = Json.mapper();
    private final JsonFormat format = new JsonFormat();

    /** Who holds a lease: this process. */
    private final String owner = "replica-" + UUID.randomUUID();

    /** Deliveries under way, per subscription, in this process. */
    private final Map<String, AtomicInteger> underWay = new ConcurrentHashMap<>();

    private ScheduledExecutorService timer;
    private ExecutorService recorder;
    private HttpClient client;

    private final Reclassifier reclassifier;

    public Webhooks(
            Database db,
            WebhooksConfig config,
            Clock clock,
            Vertx vertx,
            Reclassifier reclassifier) {
        this.reclassifier = reclassifier;
        this.db = db;
        this.config = config;
        this.clock = clock;
        this.vertx = vertx;
    }

    /** Starts publishing and delivering, every {@code tiering.webhooks.poll}. */
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        releaseLeasesOfAnEarlierRun();
        int timeout = (int) config.timeout().toMillis();
        client =
                vertx.createHttpClient(
                        new HttpClientOptions()
                                .setConnectTimeout(timeout)
                                .setIdleTimeout(timeout)
                                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                                .setMaxPoolSize(64)
                                .setKeepAlive(true)
                                .setVerifyHost(true));
        recorder =
                Executors.newFixedThreadPool(
                        2,
                        r -> {
                            Thread t = new Thread(r, "webhook-recorder");
                            t.setDaemon(true);
                            return t;
                        });
        timer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "change-publisher");
                            t.setDaemon(true);
                            return t;
                        });
        long every = Math.max(10, config.poll().toMillis());
        timer.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * On the embedded store, which no other process opens (H2 locks its file), a lease still held
     * at start was taken by an earlier run that ended mid-delivery (a kill, a crash) and will never
     * record its attempt: those deliveries are due again at once, instead of when their lease
     * lapses ({@code tiering.webhooks.timeout} plus 20 s). On PostgreSQL a lease may be another
     * live replica's, and it lapses as it should.
     */
    private void releaseLeasesOfAnEarlierRun() {
        if (db.postgres()) {
            return;
        }
        try {
            int released = db.transaction(WebhookRepository::releaseLeases);
            if (released > 0) {
                LOG.infof(
                        "%d deliveries were under way when the service last stopped; sending them"
                                + " again",
                        released);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not release the deliveries of an earlier run: %s", e.getMessage());
        }
    }

    @PreDestroy
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            recorder.shutdown();
            client.close();
            timer = null;
        }
    }

    /** Whether a round is queued to run as soon as the timer's thread is free. */
    private final java.util.concurrent.atomic.AtomicBoolean kicked =
            new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Runs a round now rather than at the next poll: a delivery just ended, so its subscription has
     * room for the next one (a backlog drains at the receivers' pace, not the poll's).
     */
    private void kick() {
        ScheduledExecutorService on = timer;
        if (on != null && kicked.compareAndSet(false, true)) {
            try {
                on.execute(
                        () -> {
                            kicked.set(false);
                            tick();
                        });
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                kicked.set(false);
            }
        }
    }

    /** One round: publish what committed, then send what is due. Never throws. */
    void tick() {
        try {
            // A pass over the store writes thousands of events in a few seconds: they are
            // published after it rather than rewritten (given their cursor) while it writes them;
            // with the publisher at work beside it, a pass that moved 5,000 operators on the
            // embedded database took about twice as long (BENCHMARKS.md, "Change events").
            if (!reclassifier.passing()) {
                publish();
            }
            dispatch();
        } catch (RuntimeException e) {
            LOG.debugf("Publishing or delivering changes failed; trying again: %s", e.toString());
        }
    }

    /** Publishes every committed event not yet published; how many. */
    public int publish() {
        int total = 0;
        while (true) {
            int n =
                    db.transaction(c -> ChangeLog.publish(c, PUBLISH_BATCH, clock.instant()))
                            .size();
            total += n;
            if (n < PUBLISH_BATCH) {
                return total;
            }
        }
    }

    private void dispatch() {
        List<Subscription> subscriptions = db.read(WebhookRepository::subscriptions);
        underWay.keySet().retainAll(subscriptions.stream().map(Subscription::id).toList());
        for (Subscription s : subscriptions) {
            AtomicInteger busy = underWay.computeIfAbsent(s.id(), k -> new AtomicInteger());
            int free = config.concurrency() - busy.get();
            if (free <= 0) {
                continue;
            }
            Instant now = clock.instant();
            List<Delivery> due = db.read(c -> WebhookRepository.due(c, s.id(), now, free));
            for (Delivery d : due) {
                Instant until = now.plus(config.timeout()).plus(LEASE_MARGIN);
                if (!db.transaction(c -> WebhookRepository.claim(c, d.id(), owner, now, until))) {
                    continue; // another replica took it
                }
                busy.incrementAndGet();
                try {
                    send(s, d, busy);
                } catch (RuntimeException e) {
                    busy.decrementAndGet();
                    record(d, null, e.toString());
                }
            }
        }
    }

    /** Sends one delivery; its outcome is recorded when the receiver answers or the time is up. */
    private void send(Subscription s, Delivery d, AtomicInteger busy) {
        ChangeEventRow event =
                db.read(c -> ChangeLog.byIds(c, List.of(d.event()))).stream()
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("event missing"));
        WebhookUrls.Target target;
        InetAddress address;
        try {
            target = WebhookUrls.parse(s.url());
            address = WebhookUrls.resolve(target, config.allowPrivate());
        } catch (WebhookUrls.RefusedUrlException e) {
            busy.decrementAndGet();
            record(d, null, "url " + e.getMessage());
            return;
        }
        byte[] body = body(event);
        long timestamp = clock.instant().getEpochSecond();
        String signature = sign(s.secret(), event.eventId(), timestamp, body);
        RequestOptions options =
                new RequestOptions()
                        .setMethod(HttpMethod.POST)
                        .setAbsoluteURI(s.url())
                        .setServer(
                                SocketAddress.inetSocketAddress(
                                        target.port(), address.getHostAddress()))
                        .setFollowRedirects(false)
                        .setTimeout(config.timeout().toMillis())
                        .putHeader("Content-Type", JsonFormat.CONTENT_TYPE)
                        .putHeader("User-Agent", "operator-tiering-webhooks")
                        .putHeader("webhook-id", event.eventId())
                        .putHeader("webhook-timestamp", Long.toString(timestamp))
                        .putHeader("webhook-signature", signature);
        long deadline = config.timeout().toMillis();
        client.request(options)
                .compose(
                        request -> {
                            // A receiver that answers a byte at a time still ends at the timeout.
                            long hard = vertx.setTimer(deadline, t -> request.reset());
                            return request.send(Buffer.buffer(body))
                                    .compose(
                                            response ->
                                                    response.body().map(b -> response.statusCode()))
                                    .onComplete(x -> vertx.cancelTimer(hard));
                        })
                .onComplete(
                        result -> {
                            busy.decrementAndGet();
                            if (result.succeeded()) {
                                record(d, result.result(), null);
                            } else {
                                record(d, null, describe(result.cause()));
                            }
                        });
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }

    /** Records an attempt off the event loop: the database may make it wait. */
    private void record(Delivery d, Integer status, String error) {
        Runnable r =
                () -> {
                    try {
                        Instant at = clock.instant();
                        boolean ok = status != null && status >= 200 && status < 300;
                        State state;
                        Instant next = at;
                        if (ok) {
                            state = State.DELIVERED;
                        } else if (at.isAfter(d.createdAt().plus(config.retryFor()))) {
                            state = State.FAILED;
                            LOG.warnf(
                                    "Gave up delivering event %s to subscription %s after %d"
                                            + " attempts",
                                    d.eventId(), d.subscriptionId(), d.attempts() + 1);
                        } else {
                            state = State.PENDING;
                            next = at.plus(wait(d.attempts() + 1));
                        }
                        Instant nextAt = next;
                        db.transaction(
                                c -> {
                                    WebhookRepository.attempted(
                                            c,
                                            d.id(),
                                            owner,
                                            state,
                                            status,
                                            ok ? null : error == null ? "HTTP " + status : error,
                                            at,
                                            nextAt);
                                    return null;
                                });
                        kick();
                    } catch (RuntimeException e) {
                        // The lease runs out and the delivery is tried again.
                        LOG.debugf("Recording a delivery attempt failed: %s", e.toString());
                    }
                };
        ExecutorService on = recorder;
        if (on != null && !on.isShutdown()) {
            on.execute(r);
        }
    }

    /** The wait before attempt {@code failed + 1}: doubling from the first, with some jitter. */
    Duration wait(int failed) {
        long first = config.firstRetry().toMillis();
        long max = config.maxWait().toMillis();
        long wait = first;
        for (int i = 1; i < failed && wait < max; i++) {
            wait *= 2;
        }
        wait = Math.min(wait, max);
        long jitter = wait / 10 == 0 ? 0 : ThreadLocalRandom.current().nextLong(wait / 10);
        return Duration.ofMillis(wait + jitter);
    }

    /** The CloudEvent of {@code event}, in structured JSON: {@code data} is the feed's event. */
    byte[] body(ChangeEventRow event) {
        byte[] data;
        try {
            data = json.writeValueAsBytes(ChangeView.of(event));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        CloudEvent ce =
                CloudEventBuilder.v1()
                        .withId(event.eventId())
                        .withSource(SOURCE)
                        .withType(WebhookRepository.CHANGED)
                        .withSubject(event.ticker())
                        .withTime(event.at().atOffset(ZoneOffset.UTC))
                        .withDataContentType("application/json")
                        .withData(data)
                        .build();
        return format.serialize(ce);
    }

    /**
     * The Standard Webhooks signature: {@code v1,} and the base64 of HMAC-SHA256 over {@code
     * id.timestamp.body}, keyed with the secret's bytes.
     */
    static String sign(String secret, String id, long timestamp, byte[] body) {
        try {
            byte[] key = WebhookUrls.secretKey(secret);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (WebhookUrls.RefusedUrlException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the stored secret", e);
        }
    }
}
