package dev.baton.hours;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Says when a callback is due the way a person would: "by 09:30 tomorrow, Tuesday (Europe/Berlin)". */
public final class Promises {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE", Locale.ENGLISH);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEEE, d MMMM", Locale.ENGLISH);

  private Promises() {}

  /**
   * @param due when the callback is due; {@code null} when the queue has no opening ahead
   * @param now the workflow's time
   * @param zone the customer's timezone when known, else the queue's
   */
  public static String when(Instant due, Instant now, ZoneId zone) {
    if (due == null) {
      return "as soon as the team is back";
    }
    ZonedDateTime at = due.atZone(zone);
    LocalDate today = now.atZone(zone).toLocalDate();
    long days = ChronoUnit.DAYS.between(today, at.toLocalDate());
    String day;
    if (days == 0) {
      day = "today";
    } else if (days == 1) {
      day = "tomorrow, " + DAY.format(at);
    } else if (days < 7) {
      day = DAY.format(at);
    } else {
      day = "on " + DATE.format(at);
    }
    return "by " + TIME.format(at) + " " + day + " (" + zone.getId() + ")";
  }

  /** The customer's timezone if it is a valid one, else {@code fallback}. */
  public static ZoneId zoneFor(String customerZone, ZoneId fallback) {
    if (customerZone == null || customerZone.isBlank()) {
      return fallback;
    }
    try {
      return ZoneId.of(customerZone.strip());
    } catch (java.time.DateTimeException e) {
      return fallback;
    }
  }
}
