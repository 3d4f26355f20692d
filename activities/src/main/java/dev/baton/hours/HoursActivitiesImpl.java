package dev.baton.hours;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Business hours from PostgreSQL: the operator's for a queue, else the queue's shipped default,
 * else the shipped default for all queues. At start it writes hours.yaml's schedules as
 * 'default' rows, so the API shows what the workflow uses, and leaves operators' rows alone.
 */
@Component
public class HoursActivitiesImpl implements HoursActivities {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcTemplate jdbc;
  private final HoursDefaults defaults;

  public HoursActivitiesImpl(
      JdbcTemplate jdbc, @Value("${baton.hours.defaults:classpath:hours/hours.yaml}") Resource file) {
    this.jdbc = jdbc;
    try (InputStream in = file.getInputStream()) {
      this.defaults = HoursDefaults.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    store(HoursDefaults.DEFAULT, defaults.fallback());
    defaults.queues().forEach(this::store);
  }

  @Override
  public QueueSchedule schedule(String queue) {
    List<String> rows =
        jdbc.queryForList(
            """
            select hours::text from queue_hours where queue in (?, ?)
             order by case when queue = ? then 0 else 1 end limit 1""",
            String.class,
            queue,
            HoursDefaults.DEFAULT,
            queue);
    QueueHours hours;
    if (rows.isEmpty()) {
      hours = defaults.queues().getOrDefault(queue, rename(defaults.fallback(), queue));
    } else {
      try {
        hours = HoursDefaults.parse(queue, JSON.readTree(rows.get(0)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new QueueSchedule(rename(hours, queue), defaults.callbackWithin(), defaults.copy(), defaults.waiting());
  }

  private void store(String queue, QueueHours hours) {
    jdbc.update(
        """
        insert into queue_hours (queue, hours, source) values (?, cast(? as jsonb), 'default')
        on conflict (queue) do update set hours = excluded.hours, updated_at = now()
        where queue_hours.source = 'default'""",
        queue,
        json(hours));
  }

  /** The stored shape, the same the API takes: {zone, week: {monday: ["09:00-17:00"]}, closedDates}. */
  static String json(QueueHours hours) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("zone", hours.zone().getId());
    Map<String, List<String>> week = new LinkedHashMap<>();
    hours.week().forEach(
        (day, intervals) ->
            week.put(day.name().toLowerCase(java.util.Locale.ROOT), intervals.stream().map(OpeningInterval::toString).toList()));
    out.put("week", week);
    out.put("closedDates", hours.closedDates().stream().map(Object::toString).toList());
    try {
      return JSON.writeValueAsString(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static QueueHours rename(QueueHours hours, String queue) {
    return new QueueHours(queue, hours.zone(), hours.week(), hours.closedDates());
  }
}
