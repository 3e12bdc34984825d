package dev.tiering.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The change feed's publisher and the webhooks that deliver it ({@code tiering.webhooks.*}). */
@ConfigMapping(prefix = "tiering.webhooks")
public interface WebhooksConfig {
    /**
     * Allow subscription URLs whose host is (or resolves to) a loopback, private, link-local or
     * otherwise internal address: tests and one-machine setups. Off, such a URL is refused when
     * subscribed, and a delivery whose host has come to resolve to one is not sent.
     */
    @WithDefault("false")
    boolean allowPrivate();

    /** How long a receiver has to answer a delivery; no answer by then is a failed attempt. */
    @WithDefault("PT10S")
    Duration timeout();

    /**
     * The wait after the first failed attempt; each further wait doubles, up to {@link #maxWait}.
     */
    @WithDefault("PT5S")
    Duration firstRetry();

    /** The longest wait between two attempts of one delivery. */
    @WithDefault("PT1H")
    Duration maxWait();

    /**
     * How long a delivery is retried, from its first attempt, before it is given up on (its state
     * FAILED, shown in the delivery log, and redeliverable).
     */
    @WithDefault("P3D")
    Duration retryFor();

    /**
     * Deliveries to one subscription under way at once, per replica: a receiver that hangs holds at
     * most these, and no other subscription waits for it.
     */
    @WithDefault("4")
    int concurrency();

    /**
     * How often a replica publishes committed events (gives them their cursor and queues their
     * deliveries) and looks for due deliveries; also the feed's delay at most.
     */
    @WithDefault("PT0.2S")
    Duration poll();
}
