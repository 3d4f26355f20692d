package dev.baton.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import dev.baton.store.conversation.ConversationStore;
import dev.baton.store.metrics.Containment;
import dev.baton.store.metrics.ConversationFacts;
import dev.baton.store.metrics.GroupBy;
import dev.baton.store.metrics.MetricsStore;
import dev.baton.store.metrics.Numbers;
import dev.baton.store.queues.QueueStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The containment split and the out-of-scope share reach Prometheus per channel, and overall as "all". */
class BatonMetersTest {
  private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

  private final MetricsStore metrics = mock(MetricsStore.class);
  private final QueueStore queues = mock(QueueStore.class);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MetricsProperties properties = new MetricsProperties(null, null, null, List.of("web", "app"), null);

  @Test
  void confirmedAssumedRepeatAndOutOfScopeArePublishedPerChannel() {
    Numbers web =
        Numbers.of(
            List.of(
                facts("web", Containment.CONFIRMED, 2, 0, null),
                facts("web", Containment.ASSUMED, 4, 1, null),
                facts("web", Containment.NOT_CONTAINED, 2, 2, Duration.ofHours(3))));
    Numbers app = Numbers.of(List.of(facts("app", Containment.PENDING, 1, 0, null)));
    Numbers all =
        Numbers.of(
            List.of(
                facts("web", Containment.CONFIRMED, 2, 0, null),
                facts("web", Containment.ASSUMED, 4, 1, null),
                facts("web", Containment.NOT_CONTAINED, 2, 2, Duration.ofHours(3)),
                facts("app", Containment.PENDING, 1, 0, null)));
    given(metrics.report(any(), any(), eq(GroupBy.CHANNEL)))
        .willReturn(
            new MetricsStore.Report(
                AT, AT, "channel", all, List.of(new MetricsStore.Group("app", app), new MetricsStore.Group("web", web)),
                Duration.ofHours(1), List.of(), List.of(), List.of(), Duration.ofHours(1)));
    given(queues.names()).willReturn(List.of());

    new BatonMeters(metrics, queues, mock(ConversationStore.class), properties, registry).refresh();

    assertThat(gauge("baton.contained.confirmed", "web")).isEqualTo(1.0);
    assertThat(gauge("baton.contained.assumed", "web")).isEqualTo(1.0);
    assertThat(gauge("baton.containment.ratio", "web")).isEqualTo(0.6667);
    assertThat(gauge("baton.repeat.contact.ratio", "web")).isEqualTo(0.3333);
    assertThat(gauge("baton.bot.turns", "web")).isEqualTo(8.0);
    assertThat(gauge("baton.bot.turns.out.of.scope", "web")).isEqualTo(3.0);
    assertThat(gauge("baton.bot.out.of.scope.ratio", "web")).isEqualTo(0.375);
    assertThat(gauge("baton.contained.assumed.pending", "app")).isEqualTo(1.0);
    assertThat(gauge("baton.bot.out.of.scope.ratio", "all")).isEqualTo(0.3333);
  }

  private double gauge(String name, String channel) {
    return registry.get(name).tag("channel", channel).gauge().value();
  }

  private static ConversationFacts facts(String channel, Containment containment, int turns, int outOfScope, Duration back) {
    return new ConversationFacts(
        "c", channel, "track_order", "none", "NONE", AT, AT, AT, null, List.of(), List.of(), 0, 0, null, null, null,
        0, 0, 0, null, 0, false, AT, turns, outOfScope, back, containment);
  }
}
