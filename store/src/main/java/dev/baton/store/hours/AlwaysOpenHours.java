package dev.baton.store.hours;

import dev.baton.hours.OpeningInterval;
import dev.baton.hours.QueueHours;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every queue open around the clock, whatever is stored: the local demo's setting
 * ({@code baton.hours.always-open}), so a walk-through on a Saturday night reaches a person. Hours
 * written through the api are still stored, and apply once the setting is off again.
 */
public class AlwaysOpenHours extends HoursStore {
  /** Where the hours came from, as {@code GET /queues/{queue}/hours} shows it. */
  public static final String SOURCE = "always-open";

  public AlwaysOpenHours(JdbcTemplate jdbc) {
    super(jdbc);
  }

  @Override
  public Optional<StoredHours> find(String queue) {
    return Optional.of(new StoredHours(queue, Hours.from(aroundTheClock(queue)), SOURCE, false, Instant.EPOCH));
  }

  static QueueHours aroundTheClock(String queue) {
    Map<DayOfWeek, List<OpeningInterval>> week = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      week.put(day, List.of(new OpeningInterval(LocalTime.MIDNIGHT, LocalTime.MAX)));
    }
    return new QueueHours(queue, ZoneOffset.UTC, week, List.of());
  }
}
