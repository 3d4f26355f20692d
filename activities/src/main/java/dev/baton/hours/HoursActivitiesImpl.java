package dev.baton.hours;

import dev.baton.reads.QuickReads;
import dev.baton.store.hours.Hours;
import dev.baton.store.hours.HoursStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Business hours from PostgreSQL: the operator's for a queue, else the queue's shipped default,
 * else the shipped default for all queues; while PostgreSQL does not answer, the hours last read
 * (see {@link QuickReads}). At start it stores hours.yaml's schedules as 'default'
 * rows where none of its version or newer are stored, so the API shows what the workflow uses;
 * operators' rows stay alone, and workers starting together write each row at most once.
 */
@Component
public class HoursActivitiesImpl implements HoursActivities {
  private static final Logger LOG = LoggerFactory.getLogger(HoursActivitiesImpl.class);

  private final HoursStore hours;
  private final HoursDefaults defaults;
  private final Clock clock;
  private final QuickReads reads;
  /**
   * Each queue's hours as last read: while the database does not answer, a conversation goes by
   * them (else by hours.yaml) rather than keep its customer waiting.
   */
  private final Map<String, QueueHours> lastKnown = new ConcurrentHashMap<>();

  @Autowired
  public HoursActivitiesImpl(
      HoursStore hours, @Value("${baton.hours.defaults:classpath:hours/hours.yaml}") Resource file) {
    this(hours, file, Clock.systemUTC());
  }

  HoursActivitiesImpl(HoursStore hours, Resource file, Clock clock) {
    this(hours, file, clock, QuickReads.SHARED);
  }

  HoursActivitiesImpl(HoursStore hours, Resource file, Clock clock, QuickReads reads) {
    this.hours = hours;
    this.clock = clock;
    this.reads = reads;
    try (InputStream in = file.getInputStream()) {
      this.defaults = HoursDefaults.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    storeShipped(HoursStore.DEFAULT, defaults.fallback());
    defaults.queues().forEach(this::storeShipped);
  }

  private void storeShipped(String queue, QueueHours shipped) {
    if (hours.putDefault(queue, shipped, defaults.version())) {
      return;
    }
    // Kept, not rewritten: say so when the file changed without its version, or the change
    // would seem lost.
    hours.find(queue)
        .filter(stored -> !stored.inherited() && "default".equals(stored.source()))
        .filter(stored -> hours.defaultsVersion(queue).orElse(0) == defaults.version())
        .filter(stored -> !stored.hours().equals(Hours.from(shipped)))
        .ifPresent(
            stored ->
                LOG.warn(
                    "hours.yaml's hours for '{}' differ from those stored for its version {}; the stored ones stay."
                        + " Raise `version` in hours.yaml to store the new ones",
                    queue,
                    defaults.version()));
  }

  /**
   * The queue's schedule, with only the closed dates a conversation can reach: from yesterday to
   * twice the furthest {@link BusinessHours} looks ahead. The result travels in the workflow's
   * history, so it must stay small whatever an operator stored (the api caps dates too).
   */
  @Override
  public QueueSchedule schedule(String queue) {
    QueueHours stored =
        reads.read(
            "The hours of " + queue,
            () -> {
              QueueHours read = hours.hours(queue).orElseGet(() -> shipped(queue));
              lastKnown.put(queue, read);
              return read;
            },
            () -> lastKnown.getOrDefault(queue, shipped(queue)));
    return new QueueSchedule(window(rename(stored, queue)), defaults.callbackWithin(), defaults.copy(), defaults.waiting());
  }

  /** hours.yaml's hours for the queue, else its hours for every queue. */
  private QueueHours shipped(String queue) {
    return defaults.queues().getOrDefault(queue, rename(defaults.fallback(), queue));
  }

  private QueueHours window(QueueHours hours) {
    LocalDate today = LocalDate.now(clock.withZone(hours.zone()));
    LocalDate from = today.minusDays(1);
    LocalDate to = today.plusDays(2L * BusinessHours.SEARCH_DAYS);
    List<LocalDate> reachable =
        hours.closedDates().stream().filter(d -> !d.isBefore(from) && !d.isAfter(to)).toList();
    return new QueueHours(hours.queue(), hours.zone(), hours.week(), reachable);
  }

  private static QueueHours rename(QueueHours hours, String queue) {
    return new QueueHours(queue, hours.zone(), hours.week(), hours.closedDates());
  }
}
