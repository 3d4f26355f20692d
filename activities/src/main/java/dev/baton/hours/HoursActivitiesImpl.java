package dev.baton.hours;

import dev.baton.store.hours.HoursStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Business hours from PostgreSQL: the operator's for a queue, else the queue's shipped default,
 * else the shipped default for all queues. At start it writes hours.yaml's schedules as
 * 'default' rows, so the API shows what the workflow uses, and leaves operators' rows alone.
 */
@Component
public class HoursActivitiesImpl implements HoursActivities {
  private final HoursStore hours;
  private final HoursDefaults defaults;

  public HoursActivitiesImpl(
      HoursStore hours, @Value("${baton.hours.defaults:classpath:hours/hours.yaml}") Resource file) {
    this.hours = hours;
    try (InputStream in = file.getInputStream()) {
      this.defaults = HoursDefaults.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    hours.putDefault(HoursStore.DEFAULT, defaults.fallback());
    defaults.queues().forEach(hours::putDefault);
  }

  @Override
  public QueueSchedule schedule(String queue) {
    QueueHours stored =
        hours.hours(queue).orElseGet(() -> defaults.queues().getOrDefault(queue, rename(defaults.fallback(), queue)));
    return new QueueSchedule(rename(stored, queue), defaults.callbackWithin(), defaults.copy(), defaults.waiting());
  }

  private static QueueHours rename(QueueHours hours, String queue) {
    return new QueueHours(queue, hours.zone(), hours.week(), hours.closedDates());
  }
}
