package dev.baton.api.metrics;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The numbers' settings (docs/configuration.md).
 *
 * @param window the trailing window the Prometheus gauges cover
 * @param refresh how often the gauges are read again from PostgreSQL
 * @param maxWindow the longest window {@code GET /api/v1/metrics} computes in one call
 * @param channels the channels that get series of their own in Prometheus; any other is "other",
 *     so a client that invents channels cannot multiply the series
 * @param temporalUi the Temporal UI's address, for the dashboard's links
 */
@ConfigurationProperties("baton.metrics")
record MetricsProperties(Duration window, Duration refresh, Duration maxWindow, List<String> channels, String temporalUi) {
  MetricsProperties {
    window = window == null ? Duration.ofHours(24) : window;
    refresh = refresh == null ? Duration.ofSeconds(15) : refresh;
    maxWindow = maxWindow == null ? Duration.ofDays(92) : maxWindow;
    channels = channels == null ? List.of("web") : List.copyOf(channels);
    temporalUi = temporalUi == null || temporalUi.isBlank() ? "http://127.0.0.1:8233" : temporalUi.replaceAll("/+$", "");
  }
}
