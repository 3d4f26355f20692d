package dev.baton.store.hours;

import dev.baton.hours.QueueHours;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A queue's business hours as stored in {@code queue_hours.hours}, and as operators write them:
 * {@code {zone, week: {monday: ["09:00-17:00"]}, closedDates: ["2026-12-25"]}}.
 *
 * @param week day name → openings like {@code 09:00-17:30}; a day left out is closed
 * @param closedDates whole days closed, like {@code 2026-12-25}
 */
public record Hours(String zone, Map<String, List<String>> week, List<String> closedDates) {

  /** The stored shape of checked hours: lower-case day names in week order, ISO dates. */
  public static Hours from(QueueHours hours) {
    Map<String, List<String>> week = new LinkedHashMap<>();
    hours.week().forEach(
        (day, intervals) ->
            week.put(day.name().toLowerCase(Locale.ROOT), intervals.stream().map(Object::toString).toList()));
    return new Hours(hours.zone().getId(), week, hours.closedDates().stream().map(Object::toString).toList());
  }

  /**
   * These hours checked, as {@code queue}'s.
   *
   * @throws dev.baton.hours.InvalidScheduleException naming every problem
   */
  public QueueHours toQueueHours(String queue) {
    return QueueHours.of(queue, zone, week, closedDates);
  }
}
