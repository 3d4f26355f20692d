package dev.baton.hours;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a queue is open at an instant, and when it next opens or closes. Pure and
 * deterministic: it never reads a clock, so it runs inside a workflow on workflow time
 * ({@code Instant.ofEpochMilli(Workflow.currentTimeMillis())}) and gives the same answers on
 * replay.
 *
 * <p>Each {@link OpeningInterval} of a local date becomes the instants from its start to its end
 * on that date, in the queue's zone; an end of 24:00 is the next date's 00:00. Closed dates drop
 * the openings of that date only, so {@code 22:00-24:00} on the eve of a holiday still runs until
 * midnight. Openings that touch, {@code 09:00-12:00} and {@code 12:00-17:00}, or {@code 22:00-24:00}
 * and the next day's {@code 00:00-02:00}, are one opening: the queue does not close in between.
 *
 * <p>Daylight saving time, where a local time is not one instant:
 *
 * <ul>
 *   <li>A local time in a spring-forward gap, which the clock skips, is the first instant after the
 *       gap: with clocks jumping from 02:00 to 03:00, an opening at 02:30 opens at 03:00, the
 *       moment the wall clock has passed 02:30. (This is not {@code ZonedDateTime.of}, which would
 *       move 02:30 by the length of the gap to 03:30 and keep the queue closed for half an hour
 *       after its opening time has passed on every clock in the office.) An end in the gap closes
 *       at that same instant, and an opening that lies wholly in the gap does not happen that day.
 *   <li>A local time in a fall-back overlap, which the clock shows twice, is the earlier of the
 *       two instants (the earlier offset, as {@code ZonedDateTime.of} resolves it), for starts and
 *       ends alike: an opening at 01:30 opens the first time the clock shows 01:30 and stays open
 *       through the repeated hour; an opening that ends at 01:30 closes the first time, and does
 *       not open again when the clock goes back to 01:00.
 * </ul>
 *
 * <p>The zone rules come from the JVM's timezone database. Workers that replay a workflow should
 * run the same tzdata version, or a replay across a rule change can take another branch.
 */
public final class BusinessHours {
  /** How far ahead {@link #nextOpening} and {@link #nextClosing} look, in days. */
  public static final int SEARCH_DAYS = 400;

  private final ZoneId zone;
  private final ZoneRules rules;
  private final Map<DayOfWeek, List<OpeningInterval>> week = new EnumMap<>(DayOfWeek.class);
  private final Set<LocalDate> closedDates;

  /**
   * Arithmetic over {@code hours}.
   *
   * @throws InvalidScheduleException when {@link QueueHours#check()} finds problems, such as
   *     overlapping intervals
   */
  public BusinessHours(QueueHours hours) {
    List<Problem> problems = hours.check();
    if (!problems.isEmpty()) {
      throw new InvalidScheduleException(hours.queue(), problems);
    }
    this.zone = hours.zone();
    this.rules = zone.getRules();
    hours.week().forEach(
        (day, intervals) -> {
          List<OpeningInterval> sorted = new ArrayList<>(intervals);
          sorted.sort(Comparator.comparing(OpeningInterval::start));
          week.put(day, List.copyOf(sorted));
        });
    this.closedDates = Set.copyOf(hours.closedDates());
  }

  /** Whether the queue is open at {@code t}: at an opening's start it is, at its end it is not. */
  public boolean isOpen(Instant t) {
    LocalDate today = t.atZone(zone).toLocalDate();
    // Yesterday's opening until 24:00 can reach into today, and a clock set back across midnight
    // can show today's date after tomorrow's first instant.
    for (LocalDate date = today.minusDays(1); !date.isAfter(today.plusDays(1)); date = date.plusDays(1)) {
      for (Span span : spans(date)) {
        if (span.contains(t)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The first instant at or after {@code t} when the queue is open: {@code t} itself when it is
   * open then. Empty when the queue does not open within {@value #SEARCH_DAYS} days.
   */
  public Optional<Instant> nextOpening(Instant t) {
    LocalDate today = t.atZone(zone).toLocalDate();
    LocalDate last = today.plusDays(SEARCH_DAYS);
    for (LocalDate date = today.minusDays(1); !date.isAfter(last); date = date.plusDays(1)) {
      for (Span span : spans(date)) {
        if (span.end().isAfter(t)) {
          return Optional.of(span.start().isAfter(t) ? span.start() : t);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * When the opening the queue is in at {@code t} ends, counting touching openings as one. Empty
   * when the queue is closed at {@code t}, and when it stays open for the whole
   * {@value #SEARCH_DAYS} days (a queue open around the clock); {@link #isOpen} tells them apart.
   */
  public Optional<Instant> nextClosing(Instant t) {
    LocalDate today = t.atZone(zone).toLocalDate();
    Instant end = null;
    LocalDate last = today.plusDays(SEARCH_DAYS);
    for (LocalDate date = today.minusDays(1); !date.isAfter(last); date = date.plusDays(1)) {
      for (Span span : spans(date)) {
        if (end == null) {
          if (span.contains(t)) {
            end = span.end();
          } else if (span.start().isAfter(t)) {
            return Optional.empty();
          }
        } else if (span.start().isAfter(end)) {
          return Optional.of(end);
        } else if (span.end().isAfter(end)) {
          end = span.end();
        }
      }
      if (end == null && date.isAfter(today)) {
        // No later date's opening can contain t (see isOpen): closed now.
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The openings of {@code date} as instants, in order, leaving out those the clock skips. */
  private List<Span> spans(LocalDate date) {
    List<OpeningInterval> intervals = week.get(date.getDayOfWeek());
    if (intervals == null || closedDates.contains(date)) {
      return List.of();
    }
    List<Span> spans = new ArrayList<>(intervals.size());
    for (OpeningInterval interval : intervals) {
      Instant start = instant(date, interval.start());
      Instant end = instant(date, interval.end());
      if (start.isBefore(end)) {
        spans.add(new Span(start, end));
      }
    }
    return spans;
  }

  private Instant instant(LocalDate date, LocalTime time) {
    LocalDateTime local =
        time.equals(LocalTime.MAX) ? date.plusDays(1).atStartOfDay() : date.atTime(time);
    if (rules.getValidOffsets(local).isEmpty()) {
      return rules.getTransition(local).getInstant();
    }
    return ZonedDateTime.ofLocal(local, zone, null).toInstant();
  }

  /** One opening as instants: from {@code start}, inclusive, to {@code end}, exclusive. */
  private record Span(Instant start, Instant end) {
    boolean contains(Instant t) {
      return !t.isBefore(start) && t.isBefore(end);
    }
  }
}
