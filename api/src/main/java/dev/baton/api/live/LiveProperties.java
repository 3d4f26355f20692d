package dev.baton.api.live;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Live delivery settings ({@code baton.live.*}).
 *
 * @param streamTimeout how long one event stream stays open; the browser then reconnects, with
 *     {@code Last-Event-ID}, and misses nothing
 * @param heartbeat how often an idle stream gets a comment line, so proxies and dead clients are
 *     noticed
 * @param queueDebounce how long queue notifications are gathered before the queues are read once
 * @param listenerPoll the longest the listener waits for a notification before it checks it is
 *     still meant to run
 * @param reconnectDelay the first wait before the listener reconnects to PostgreSQL; it doubles
 *     on each failure, up to {@code maxReconnectDelay}
 */
@ConfigurationProperties("baton.live")
public record LiveProperties(
    @DefaultValue("30m") Duration streamTimeout,
    @DefaultValue("15s") Duration heartbeat,
    @DefaultValue("250ms") Duration queueDebounce,
    @DefaultValue("1s") Duration listenerPoll,
    @DefaultValue("500ms") Duration reconnectDelay,
    @DefaultValue("30s") Duration maxReconnectDelay) {}
