package dev.baton.hours;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * When a queue is staffed: a weekly schedule in the queue's timezone, less whole-day closures.
 * Plain data, so it travels as a Temporal payload (read through an activity, carried across
 * continue-as-new); {@link BusinessHours} does the arithmetic on it.
 *
 * <p>Build one from API or configuration text with {@link #of}, which reports every problem at
 * once; {@link #check()} finds what the types alone cannot rule out.
 *
 * @param queue the queue these hours belong to
 * @param zone the timezone the times and dates are read in
 * @param week the openings of each day, several a day allowed, in no particular order; a day not
 *     in the map is closed (days without openings are left out)
 * @param closedDates local dates the queue is closed all day (holidays), whatever the weekday
 */
public record QueueHours(
    String queue, ZoneId zone, Map<DayOfWeek, List<OpeningInterval>> week, List<LocalDate> closedDates) {

  public QueueHours {
    if (queue == null) {
      throw new IllegalArgumentException("queue is required");
    }
    if (zone == null) {
      throw new IllegalArgumentException("zone is required");
    }
    week = copy(week);
    // A payload written before closures existed has none, which means none.
    closedDates = closedDates == null ? List.of() : List.copyOf(closedDates);
  }

  /**
   * Reads opening hours as the API and configuration write them.
   *
   * @param queue the queue's name
   * @param zone a timezone id such as {@code Europe/Berlin}
   * @param week day names in any case ({@code monday}, {@code MONDAY}) to openings such as
   *     {@code 09:00-17:30} or {@code 18:00-24:00}; {@code null} for a queue that never opens
   * @param closedDates dates such as {@code 2026-12-25}; may be {@code null}
   * @throws InvalidScheduleException listing every problem found: a missing queue or zone, an
   *     unknown timezone, an unknown or repeated day name, a malformed interval or one that does
   *     not end after it starts, overlapping intervals within a day, and dates that are not dates
   */
  public static QueueHours of(
      String queue, String zone, Map<String, List<String>> week, List<String> closedDates) {
    List<Problem> problems = new ArrayList<>();
    if (queue == null || queue.isBlank()) {
      problems.add(new Problem("queue", "is required"));
    }
    ZoneId zoneId = zone(zone, problems);
    Map<DayOfWeek, List<OpeningInterval>> days = week(week, problems);
    List<LocalDate> dates = dates(closedDates, problems);
    if (!problems.isEmpty()) {
      throw new InvalidScheduleException(queue, problems);
    }
    return new QueueHours(queue, zoneId, days, dates);
  }

  /**
   * What is wrong with these hours, empty when nothing is: a blank queue name, or intervals of a
   * day that overlap (back-to-back ones, such as {@code 09:00-12:00} and {@code 12:00-17:00}, do
   * not). Indexes are positions in {@link #week()}'s lists.
   */
  public List<Problem> check() {
    List<Problem> problems = new ArrayList<>();
    if (queue.isBlank()) {
      problems.add(new Problem("queue", "is required"));
    }
    week.forEach(
        (day, intervals) -> {
          for (int i = 0; i < intervals.size(); i++) {
            overlap(day, intervals, i).ifPresent(problems::add);
          }
        });
    return List.copyOf(problems);
  }

  private static Map<DayOfWeek, List<OpeningInterval>> copy(Map<DayOfWeek, List<OpeningInterval>> week) {
    // An EnumMap keeps the days in week order, so equal schedules serialize to the same bytes.
    Map<DayOfWeek, List<OpeningInterval>> days = new EnumMap<>(DayOfWeek.class);
    if (week != null) {
      week.forEach(
          (day, intervals) -> {
            if (intervals != null && !intervals.isEmpty()) {
              days.put(Objects.requireNonNull(day, "week has a null day"), List.copyOf(intervals));
            }
          });
    }
    return Collections.unmodifiableMap(days);
  }

  private static ZoneId zone(String zone, List<Problem> problems) {
    if (zone == null || zone.isBlank()) {
      problems.add(new Problem("zone", "is required"));
      return null;
    }
    try {
      return ZoneId.of(zone.trim());
    } catch (DateTimeException e) {
      problems.add(new Problem("zone", "'" + zone + "' is not a known timezone"));
      return null;
    }
  }

  private static Map<DayOfWeek, List<OpeningInterval>> week(
      Map<String, List<String>> week, List<Problem> problems) {
    Map<DayOfWeek, List<OpeningInterval>> days = new EnumMap<>(DayOfWeek.class);
    if (week == null) {
      return days;
    }
    Map<DayOfWeek, String> keys = new EnumMap<>(DayOfWeek.class);
    // The caller's map may be a HashMap; a fixed order keeps the message the same on every run.
    List<String> ordered = new ArrayList<>(week.keySet());
    ordered.sort(
        Comparator.<String>comparingInt(key -> day(key) == null ? 7 : day(key).ordinal())
            .thenComparing(String::valueOf));
    for (String key : ordered) {
      DayOfWeek day = day(key);
      if (day == null) {
        problems.add(new Problem("week." + key, "is not a day of the week (monday to sunday, any case)"));
        continue;
      }
      if (keys.containsKey(day)) {
        problems.add(new Problem("week." + key, "names the same day as week." + keys.get(day)));
        continue;
      }
      keys.put(day, key);
      List<String> texts = week.get(key) == null ? List.of() : week.get(key);
      List<OpeningInterval> parsed = new ArrayList<>();
      List<String> unreadable = new ArrayList<>();
      for (String text : texts) {
        try {
          parsed.add(OpeningInterval.parse(text));
          unreadable.add(null);
        } catch (IllegalArgumentException e) {
          parsed.add(null);
          unreadable.add(text == null ? "is missing" : e.getMessage());
        }
      }
      // Overlaps among the readable intervals too, by their original positions, so that one round
      // of corrections fixes everything; problems in position order, as the client wrote them.
      for (int i = 0; i < parsed.size(); i++) {
        if (unreadable.get(i) != null) {
          problems.add(new Problem(field(day, i), unreadable.get(i)));
        } else {
          overlap(day, parsed, i).ifPresent(problems::add);
        }
      }
      parsed.removeIf(Objects::isNull);
      days.put(day, parsed);
    }
    return days;
  }

  private static DayOfWeek day(String key) {
    if (key == null) {
      return null;
    }
    try {
      return DayOfWeek.valueOf(key.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static List<LocalDate> dates(List<String> closedDates, List<Problem> problems) {
    List<LocalDate> dates = new ArrayList<>();
    if (closedDates == null) {
      return dates;
    }
    for (int i = 0; i < closedDates.size(); i++) {
      String text = closedDates.get(i);
      String field = "closedDates[" + i + "]";
      if (text == null) {
        problems.add(new Problem(field, "is missing"));
        continue;
      }
      try {
        dates.add(LocalDate.parse(text.trim()));
      } catch (DateTimeParseException e) {
        // 2026-02-30 has the right form and needs no example; 25.12.2026 does.
        boolean rightForm = text.trim().matches("\\d{4}-\\d{2}-\\d{2}");
        problems.add(new Problem(field, "'" + text + "' is not a date" + (rightForm ? "" : " like 2026-12-25")));
      }
    }
    return dates;
  }

  /** The problem when interval {@code j} overlaps an earlier one of its day; nulls are skipped. */
  private static Optional<Problem> overlap(DayOfWeek day, List<OpeningInterval> intervals, int j) {
    OpeningInterval later = intervals.get(j);
    if (later == null) {
      return Optional.empty();
    }
    for (int i = 0; i < j; i++) {
      OpeningInterval earlier = intervals.get(i);
      if (earlier != null && earlier.start().isBefore(later.end()) && later.start().isBefore(earlier.end())) {
        // Naming the first one it overlaps is enough to find it; more would repeat the same fix.
        return Optional.of(new Problem(field(day, j), "overlaps " + field(day, i)));
      }
    }
    return Optional.empty();
  }

  private static String field(DayOfWeek day, int index) {
    return "week." + day + "[" + index + "]";
  }
}
