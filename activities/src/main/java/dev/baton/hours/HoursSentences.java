package dev.baton.hours;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A queue's business hours in words, for the bot's answer to "what are your opening hours?":
 * {@code {hours}} ("Monday to Friday 09:00-17:00, Saturday 10:00-14:00 (Europe/Berlin time)")
 * and {@code {openNow}} ("We're open now, until 17:00." or "We're closed right now and open
 * again Monday at 09:00."). Pure: the caller gives the hours and the time.
 */
public final class HoursSentences {
  private HoursSentences() {}

  /** The variables an answer may use, for {@code hours} at {@code now}. */
  public static Map<String, String> values(QueueHours hours, Instant now) {
    return Map.of("hours", week(hours), "openNow", openNow(hours, now));
  }

  /** The weekly openings, consecutive days with the same openings joined ("Monday to Friday"). */
  static String week(QueueHours hours) {
    if (hours.week().isEmpty()) {
      return "by appointment only (no regular opening hours)";
    }
    List<String> parts = new ArrayList<>();
    DayOfWeek[] days = DayOfWeek.values();
    int i = 0;
    while (i < days.length) {
      List<OpeningInterval> openings = sorted(hours.week().get(days[i]));
      if (openings.isEmpty()) {
        i++;
        continue;
      }
      int j = i;
      while (j + 1 < days.length && openings.equals(sorted(hours.week().get(days[j + 1])))) {
        j++;
      }
      String span =
          j - i == days.length - 1 ? "every day"
              : j == i ? name(days[i]) : name(days[i]) + (j == i + 1 ? " and " : " to ") + name(days[j]);
      parts.add(span + " " + openings.stream().map(OpeningInterval::toString).collect(Collectors.joining(" and ")));
      i = j + 1;
    }
    return String.join(", ", parts) + " (" + hours.zone().getId() + " time)";
  }

  private static List<OpeningInterval> sorted(List<OpeningInterval> openings) {
    return openings == null
        ? List.of()
        : openings.stream().sorted(Comparator.comparing(OpeningInterval::start)).toList();
  }

  /** Whether the queue is open at {@code now}, and until when or from when. */
  static String openNow(QueueHours hours, Instant now) {
    BusinessHours open = new BusinessHours(hours);
    if (open.isOpen(now)) {
      return open.nextClosing(now)
          .map(closing -> "We're open now, until " + time(closing, hours) + ".")
          .orElse("We're open now.");
    }
    Optional<Instant> next = open.nextOpening(now);
    return next.map(opening -> "We're closed right now and open again " + when(opening, now, hours) + ".")
        .orElse("We're closed right now.");
  }

  private static String when(Instant opening, Instant now, QueueHours hours) {
    ZonedDateTime at = opening.atZone(hours.zone());
    LocalDate today = now.atZone(hours.zone()).toLocalDate();
    String day;
    if (at.toLocalDate().equals(today)) {
      day = "today";
    } else if (at.toLocalDate().equals(today.plusDays(1))) {
      day = "tomorrow";
    } else if (at.toLocalDate().isBefore(today.plusDays(7))) {
      day = name(at.getDayOfWeek());
    } else {
      day = name(at.getDayOfWeek()) + ", " + at.toLocalDate();
    }
    return day + " at " + time(opening, hours);
  }

  private static String time(Instant t, QueueHours hours) {
    ZonedDateTime at = t.atZone(hours.zone());
    return String.format(Locale.ROOT, "%02d:%02d", at.getHour(), at.getMinute());
  }

  private static String name(DayOfWeek day) {
    return day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
  }
}
