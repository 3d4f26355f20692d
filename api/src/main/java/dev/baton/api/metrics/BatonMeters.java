package dev.baton.api.metrics;

import dev.baton.store.conversation.ConversationStore;
import dev.baton.store.metrics.GroupBy;
import dev.baton.store.metrics.MetricsStore;
import dev.baton.store.metrics.MetricsStore.Report;
import dev.baton.store.metrics.Numbers;
import dev.baton.store.metrics.Numbers.Durations;
import dev.baton.store.queues.QueueStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.MultiGauge.Row;
import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Baton's numbers as Prometheus gauges on /actuator/prometheus: the events ever counted (for
 * {@code increase()} over any range), the trailing window's rates, percentiles and CSAT overall
 * ({@code channel="all"}) and per configured channel, and who waits in each queue now. Read from
 * PostgreSQL every {@code baton.metrics.refresh}, so every api instance reports the same figures
 * (graph one instance, or take {@code max} across them).
 */
@Component
class BatonMeters {
  private static final Logger log = LoggerFactory.getLogger(BatonMeters.class);
  static final String ALL = "all";

  private final MetricsStore metrics;
  private final QueueStore queues;
  private final ConversationStore conversations;
  private final MetricsProperties properties;
  private final MeterRegistry registry;
  private final Map<String, MultiGauge> gauges = new HashMap<>();

  BatonMeters(
      MetricsStore metrics,
      QueueStore queues,
      ConversationStore conversations,
      MetricsProperties properties,
      MeterRegistry registry) {
    this.metrics = metrics;
    this.queues = queues;
    this.conversations = conversations;
    this.properties = properties;
    this.registry = registry;
  }

  @Scheduled(initialDelay = 0, fixedDelayString = "${baton.metrics.refresh:15s}")
  void refresh() {
    try {
      publish();
    } catch (DataAccessException e) {
      // The figures stay as last read; health tells operators about the database.
      log.warn("Could not read the numbers for Prometheus: {}", e.getMessage());
    }
  }

  private void publish() {
    List<Row<?>> events = new ArrayList<>();
    for (MetricsStore.EventCount e : metrics.eventCounts(properties.channels())) {
      events.add(
          Row.of(
              Tags.of("kind", e.kind(), "phase", e.phase(), "reason", e.reason(), "queue", e.queue(), "channel", e.channel()),
              e.count()));
    }
    set("baton.conversation.events", "Conversation events ever recorded (escalated, taken over, resolved...)", events);

    Instant now = Instant.now();
    Report report = metrics.report(now.minus(properties.window()), now, GroupBy.CHANNEL);
    Map<String, Numbers> byChannel = new HashMap<>();
    byChannel.put(ALL, report.overall());
    report.groups().stream()
        .filter(g -> properties.channels().contains(g.key()))
        .forEach(g -> byChannel.put(g.key(), g.numbers()));
    // A configured channel without conversations in the window reads 0, not "no data".
    properties.channels().forEach(c -> byChannel.computeIfAbsent(c, k -> Numbers.of(List.of())));

    Gauges g = new Gauges();
    byChannel.forEach(
        (channel, n) -> {
          Tags t = Tags.of("channel", channel);
          g.add("baton.conversations", t, n.conversations());
          g.add("baton.contained", t, n.contained());
          g.add("baton.containment.ratio", t, n.containmentRate());
          g.add("baton.contained.confirmed", t, n.containedConfirmed());
          g.add("baton.contained.assumed", t, n.containedAssumed());
          g.add("baton.contained.assumed.pending", t, n.assumedPending());
          g.add("baton.repeat.contact.ratio", t, n.repeatContactRate());
          g.add("baton.bot.turns", t, n.botTurns());
          g.add("baton.bot.turns.out.of.scope", t, n.outOfScopeTurns());
          g.add("baton.bot.out.of.scope.ratio", t, n.outOfScopeRate());
          g.add("baton.escalated", t, n.escalated());
          g.add("baton.escalation.ratio", t, n.escalationRate());
          n.escalationReasons().forEach((reason, count) -> g.add("baton.escalations", t.and("reason", reason), count));
          g.add("baton.abandoned", t.and("phase", "bot"), n.abandonedInBotPhase());
          g.add("baton.abandoned", t.and("phase", "queue"), n.abandonedInQueue());
          g.add("baton.taken.over", t, n.takenOver());
          g.add("baton.transfers", t, n.transferred());
          g.add("baton.resolved", t.and("by", "bot"), n.resolvedByBot());
          g.add("baton.resolved", t.and("by", "after_handoff"), n.resolvedAfterHandoff());
          g.add("baton.callbacks", t.and("state", "created"), n.callbacksCreated());
          g.add("baton.callbacks", t.and("state", "kept_on_time"), n.callbacksKeptOnTime());
          g.add("baton.callbacks", t.and("state", "missed"), n.callbacksMissed());
          g.durations("baton.first.response.seconds", t, n.firstResponse());
          g.durations("baton.bot.resolution.seconds", t, n.botResolution());
          g.durations("baton.takeover.seconds", t, n.takeover());
          g.durations("baton.resolution.seconds", t, n.resolution());
          g.add("baton.csat.average", t.and("scope", "all"), n.csat().average());
          g.add("baton.csat.average", t.and("scope", "bot_only"), n.csat().botOnly());
          g.add("baton.csat.average", t.and("scope", "after_handoff"), n.csat().afterHandoff());
          g.add("baton.csat.ratings", t, n.csat().ratings());
          g.add("baton.handoff.friction.score", t, n.friction().score());
          g.add("baton.handoffs.missing.context.ratio", t, n.friction().missingContextShare());
        });
    for (String queue : queues.names()) {
      g.add("baton.queue.waiting", Tags.of("queue", queue), conversations.waitingCount(queue));
    }
    g.rows.forEach((name, rows) -> set(name, "Baton's numbers over the trailing " + properties.window() + " (docs/operations.md)", rows));
    // A family with no rows this time (no CSAT yet, say) is emptied rather than left stale.
    gauges.keySet().stream().filter(name -> !name.equals("baton.conversation.events") && !g.rows.containsKey(name)).toList()
        .forEach(name -> set(name, null, List.of()));
  }

  private void set(String name, String description, List<Row<?>> rows) {
    gauges.computeIfAbsent(name, n -> MultiGauge.builder(n).description(description).register(registry)).register(rows, true);
  }

  /** The rows of each gauge family, gathered before any is published. */
  private static final class Gauges {
    private final Map<String, List<Row<?>>> rows = new HashMap<>();

    void add(String name, Tags tags, Number value) {
      if (value != null) {
        rows.computeIfAbsent(name, n -> new ArrayList<>()).add(Row.of(tags, value));
      }
    }

    void durations(String name, Tags tags, Durations d) {
      add(name, tags.and("percentile", "p50"), d.p50());
      add(name, tags.and("percentile", "p90"), d.p90());
    }
  }
}
