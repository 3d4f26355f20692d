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
 * @param queueReadInterval the shortest time between two reads of the queue overview for the
 *     queue streams: news after a quiet spell is read at once, news in a burst waits for the next read
 * @param listenerPoll the longest the listener waits for a notification before it checks it is
 *     still meant to run
 * @param reconnectDelay the first wait before the listener reconnects to PostgreSQL; it doubles
 *     on each failure, up to {@code maxReconnectDelay}
 */
@ConfigurationProperties("baton.live")
public record LiveProperties(
    @DefaultValue("30m") Duration streamTimeout,
    @DefaultValue("15s") Duration heartbeat,
    @DefaultValue("100ms") Duration queueReadInterval,
    @DefaultValue("1s") Duration listenerPoll,
    @DefaultValue("500ms") Duration reconnectDelay,
    @DefaultValue("30s") Duration maxReconnectDelay) {}
