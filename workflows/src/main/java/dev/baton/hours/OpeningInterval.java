package dev.baton.hours;

import java.time.LocalTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One opening span within a day, in the queue's local time: open from {@code start} (inclusive)
 * until {@code end} (exclusive). An opening until midnight has {@code end} {@link LocalTime#MAX},
 * written {@code 24:00}; an opening across midnight is two intervals, {@code 22:00-24:00} on one
 * day and {@code 00:00-02:00} on the next, which {@link BusinessHours} treats as one.
 *
 * @param start the first local time the queue is open
 * @param end the first local time it is closed again, after {@code start}; {@link LocalTime#MAX}
 *     for midnight
 */
public record OpeningInterval(LocalTime start, LocalTime end) {
  /** The written form of {@link LocalTime#MAX}: the end of the day. */
  public static final String MIDNIGHT = "24:00";

  private static final Pattern FORM = Pattern.compile("(\\d{2}):(\\d{2})-(\\d{2}):(\\d{2})");

  public OpeningInterval {
    if (start == null || end == null) {
      throw new IllegalArgumentException("an opening interval needs a start and an end");
    }
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("end " + format(end) + " is not after start " + format(start));
    }
  }

  /**
   * Reads {@code HH:mm-HH:mm}, for example {@code 09:00-17:30} or {@code 18:00-24:00}.
   *
   * @throws IllegalArgumentException naming the text and what is wrong with it
   */
  public static OpeningInterval parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("an opening like 09:00-17:30 is required");
    }
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not an opening like 09:00-17:30");
    }
    LocalTime start = time(m.group(1), m.group(2), false);
    LocalTime end = time(m.group(3), m.group(4), true);
    if (start == null || end == null) {
      throw new IllegalArgumentException(
          "'" + text + "' is not an opening like 09:00-17:30 (hours 00-23, minutes 00-59, 24:00 only as the end)");
    }
    if (end.equals(LocalTime.MIDNIGHT)) {
      // 00:00 as an end can only mean midnight, but one written form keeps schedules comparable.
      throw new IllegalArgumentException("'" + text + "' ends at 00:00; write 24:00 for midnight");
    }
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException(
          "'" + text + "' does not end after it starts; split an opening across midnight into "
              + "one until 24:00 and one from 00:00 the next day");
    }
    return new OpeningInterval(start, end);
  }

  /** The written form, {@code 09:00-17:30}, which {@link #parse} reads back. */
  @Override
  public String toString() {
    return format(start) + "-" + format(end);
  }

  private static LocalTime time(String hours, String minutes, boolean isEnd) {
    int h = Integer.parseInt(hours);
    int min = Integer.parseInt(minutes);
    if (isEnd && h == 24 && min == 0) {
      return LocalTime.MAX;
    }
    if (h > 23 || min > 59) {
      return null;
    }
    return LocalTime.of(h, min);
  }

  private static String format(LocalTime t) {
    return t.equals(LocalTime.MAX) ? MIDNIGHT : t.toString();
  }
}
