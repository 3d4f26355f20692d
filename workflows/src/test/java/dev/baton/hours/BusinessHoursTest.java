package dev.baton.hours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * When a queue is open, and when it next opens and closes: across lunch breaks, weekends,
 * holidays, midnight and daylight saving time. February 2026 in Berlin is UTC+01:00; 2026-02-06
 * and 2026-02-13 are Fridays, 2026-02-09 and 2026-02-16 Mondays.
 */
class BusinessHoursTest {
  /** Weekdays with a lunch break; Monday 16 February is a holiday. */
  private static final BusinessHours OFFICE =
      hours("Europe/Berlin", "weekdays 09:00-12:00, 13:00-17:30", "2026-02-16");

  /** Openings that touch: across noon on Mondays, across midnight from Friday to Saturday. */
  private static final BusinessHours LATE =
      hours(
          "Europe/Berlin",
          "monday 09:00-12:00, 12:00-17:00; tuesday 13:00-17:00, 09:00-12:00; "
              + "friday 18:00-24:00; saturday 00:00-02:00, 10:00-14:00");

  @ParameterizedTest(name = "{0}: {1} ({2})")
  @CsvSource(
      delimiterString = "|",
      textBlock = """
        # instant                     | open  | why
          2026-02-09T08:59:59+01:00     | false | Monday, a second before opening
          2026-02-09T09:00+01:00        | true  | exactly at the start
          2026-02-09T11:59:59.999+01:00 | true  | the last moment before lunch
          2026-02-09T12:00+01:00        | false | exactly at the end: lunch
          2026-02-09T12:59+01:00        | false | lunch
          2026-02-09T13:00+01:00        | true  | back from lunch
          2026-02-09T17:29:59+01:00     | true  | the last second of the day
          2026-02-09T17:30+01:00        | false | exactly at the end of the day
          2026-02-09T08:00Z             | true  | 09:00 in Berlin is 08:00 UTC
          2026-02-09T07:00-05:00        | true  | 07:00 in New York is 13:00 in Berlin
          2026-02-07T10:00+01:00        | false | Saturday is not in the schedule
          2026-02-08T10:00+01:00        | false | nor is Sunday
          2026-02-16T10:00+01:00        | false | Monday 16 February is a holiday
          2026-02-17T10:00+01:00        | true  | the Tuesday after
        """)
  void isOpenFromTheStartUntilJustBeforeTheEnd(OffsetDateTime at, boolean open, String why) {
    assertThat(OFFICE.isOpen(at.toInstant())).isEqualTo(open);
  }

  @ParameterizedTest(name = "from {0}: {1} ({2})")
  @CsvSource(
      delimiterString = "|",
      textBlock = """
        # from                      | next opening              | why
          2026-02-06T17:30+01:00    | 2026-02-09T09:00+01:00    | Friday evening: Monday morning
          2026-02-07T12:00+01:00    | 2026-02-09T09:00+01:00    | Saturday: Monday morning
          2026-02-13T17:30+01:00    | 2026-02-17T09:00+01:00    | Friday evening before the Monday holiday: Tuesday
          2026-02-09T06:00+01:00    | 2026-02-09T09:00+01:00    | early morning: the same day
          2026-02-09T12:00+01:00    | 2026-02-09T13:00+01:00    | lunch: after lunch
          2026-02-09T09:00+01:00    | 2026-02-09T09:00+01:00    | exactly at the start: now
          2026-02-09T10:15:30.5+01:00 | 2026-02-09T10:15:30.5+01:00 | open: now, to the nanosecond
        """)
  void nextOpening(OffsetDateTime from, OffsetDateTime expected, String why) {
    assertThat(OFFICE.nextOpening(from.toInstant())).contains(expected.toInstant());
  }

  @ParameterizedTest(name = "at {0}: {1} ({2})")
  @CsvSource(
      delimiterString = "|",
      textBlock = """
        # at                        | closes (empty: closed now)  | why
          2026-02-09T10:00+01:00    | 2026-02-09T17:00+01:00      | 09:00-12:00 and 12:00-17:00 are one opening
          2026-02-09T09:00+01:00    | 2026-02-09T17:00+01:00      | exactly at the start
          2026-02-09T16:59:59+01:00 | 2026-02-09T17:00+01:00      | the last second
          2026-02-10T10:00+01:00    | 2026-02-10T12:00+01:00      | Tuesday has a lunch break
          2026-02-10T13:00+01:00    | 2026-02-10T17:00+01:00      | Tuesday afternoon
          2026-02-13T20:00+01:00    | 2026-02-14T02:00+01:00      | Friday until 24:00 goes on into Saturday from 00:00
          2026-02-14T01:00+01:00    | 2026-02-14T02:00+01:00      | after midnight
          2026-02-14T11:00+01:00    | 2026-02-14T14:00+01:00      | Saturday's second opening
          2026-02-09T17:00+01:00    |                             | exactly at the end: closed
          2026-02-10T12:30+01:00    |                             | lunch
          2026-02-15T11:00+01:00    |                             | Sunday
        """)
  void nextClosingTreatsTouchingOpeningsAsOne(OffsetDateTime at, OffsetDateTime expected, String why) {
    Optional<Instant> closing = LATE.nextClosing(at.toInstant());

    assertThat(closing).isEqualTo(Optional.ofNullable(expected).map(OffsetDateTime::toInstant));
    assertThat(LATE.isOpen(at.toInstant())).isEqualTo(expected != null);
  }

  @Test
  void aHolidayEndsTheOpeningAtMidnight() {
    BusinessHours late = hours("Europe/Berlin", "friday 18:00-24:00; saturday 00:00-02:00", "2026-02-14");

    assertThat(late.nextClosing(at("2026-02-13T20:00+01:00"))).contains(at("2026-02-14T00:00+01:00"));
    assertThat(late.isOpen(at("2026-02-14T01:00+01:00"))).isFalse();
    assertThat(late.nextOpening(at("2026-02-14T00:00+01:00"))).contains(at("2026-02-20T18:00+01:00"));
  }

  @Test
  void aQueueWithoutOpeningsNeverOpens() {
    BusinessHours dormant = new BusinessHours(QueueHours.of("dormant", "Europe/Berlin", Map.of(), List.of()));
    Instant now = at("2026-02-09T10:00+01:00");

    assertThat(dormant.isOpen(now)).isFalse();
    assertThat(dormant.nextOpening(now)).isEmpty();
    assertThat(dormant.nextClosing(now)).isEmpty();
  }

  @Test
  void looksFourHundredDaysAheadAndNoFurther() {
    // Open on Mondays only, and every Monday for the next 420 days is a holiday.
    List<String> mondays = new ArrayList<>();
    for (LocalDate d = LocalDate.of(2026, 2, 9); d.isBefore(LocalDate.of(2027, 4, 5)); d = d.plusWeeks(1)) {
      mondays.add(d.toString());
    }
    BusinessHours closed = hours("Europe/Berlin", "monday 09:00-17:00", mondays.toArray(String[]::new));
    BusinessHours lastMondayOpen =
        hours("Europe/Berlin", "monday 09:00-17:00", mondays.subList(0, mondays.size() - 4).toArray(String[]::new));

    assertThat(closed.nextOpening(at("2026-02-09T10:00+01:00"))).isEmpty();
    // 2027-03-08 is 392 days after 2026-02-09: still found.
    assertThat(lastMondayOpen.nextOpening(at("2026-02-09T10:00+01:00"))).contains(at("2027-03-08T09:00+01:00"));
  }

  @Test
  void aQueueOpenAroundTheClockNeverCloses() {
    BusinessHours always =
        hours("America/New_York", "weekdays 00:00-24:00; saturday 00:00-24:00; sunday 00:00-24:00");
    Instant now = Instant.parse("2026-03-08T07:00:00Z");

    assertThat(always.isOpen(now)).isTrue();
    assertThat(always.nextOpening(now)).contains(now);
    assertThat(always.nextClosing(now)).isEmpty();
  }

  @Test
  void refusesHoursThatOverlap() {
    QueueHours overlapping =
        new QueueHours(
            "billing",
            ZoneId.of("Europe/Berlin"),
            Map.of(DayOfWeek.MONDAY, List.of(OpeningInterval.parse("09:00-12:00"), OpeningInterval.parse("11:00-13:00"))),
            List.of());

    assertThatThrownBy(() -> new BusinessHours(overlapping))
        .isInstanceOf(InvalidScheduleException.class)
        .hasMessage("Opening hours of queue 'billing': week.MONDAY[1] overlaps week.MONDAY[0]");
  }

  /**
   * Daylight saving time in 2026. Berlin: 29 March 02:00 CET → 03:00 CEST (at 01:00 UTC), 25
   * October 03:00 CEST → 02:00 CET (at 01:00 UTC). New York: 8 March 02:00 EST → 03:00 EDT (at
   * 07:00 UTC), 1 November 02:00 EDT → 01:00 EST (at 06:00 UTC). All four are Sundays.
   */
  @ParameterizedTest(name = "{0} {1}, from {2}: opens {3}, closes {4} ({5})")
  @CsvSource(
      delimiterString = "|",
      textBlock = """
        # zone           | schedule                | from (UTC)           | opens (UTC)          | closes (UTC)         | why
          Europe/Berlin    | sunday 02:30-04:00      | 2026-03-28T23:00:00Z | 2026-03-29T01:00:00Z | 2026-03-29T02:00:00Z | 02:30 is skipped: opens when the clock jumps to 03:00 CEST
          Europe/Berlin    | sunday 00:30-02:30      | 2026-03-28T23:00:00Z | 2026-03-28T23:30:00Z | 2026-03-29T01:00:00Z | 02:30 is skipped: closes when the clock jumps
          Europe/Berlin    | sunday 02:15-02:45      | 2026-03-28T23:00:00Z | 2026-04-05T00:15:00Z | 2026-04-05T00:45:00Z | wholly skipped: the next Sunday, 02:15 CEST
          Europe/Berlin    | sunday 09:00-17:00      | 2026-03-28T23:00:00Z | 2026-03-29T07:00:00Z | 2026-03-29T15:00:00Z | the morning after: 09:00 CEST
          Europe/Berlin    | weekdays 09:00-17:00    | 2026-03-27T16:00:00Z | 2026-03-30T07:00:00Z | 2026-03-30T15:00:00Z | Friday 17:00 CET to Monday 09:00 CEST
          Europe/Berlin    | sunday 02:30-04:00      | 2026-10-24T22:00:00Z | 2026-10-25T00:30:00Z | 2026-10-25T03:00:00Z | 02:30 twice: the first, CEST; closes 04:00 CET
          Europe/Berlin    | sunday 00:00-02:30      | 2026-10-24T22:00:00Z | 2026-10-24T22:00:00Z | 2026-10-25T00:30:00Z | ends at the first 02:30
          Europe/Berlin    | sunday 09:00-17:00      | 2026-10-24T22:00:00Z | 2026-10-25T08:00:00Z | 2026-10-25T16:00:00Z | the morning after: 09:00 CET
          Europe/Berlin    | weekdays 09:00-17:00    | 2026-10-23T15:00:00Z | 2026-10-26T08:00:00Z | 2026-10-26T16:00:00Z | Friday 17:00 CEST to Monday 09:00 CET
          America/New_York | sunday 02:30-05:00      | 2026-03-08T05:00:00Z | 2026-03-08T07:00:00Z | 2026-03-08T09:00:00Z | 02:30 is skipped: opens when the clock jumps to 03:00 EDT
          America/New_York | sunday 09:00-17:00      | 2026-03-08T05:00:00Z | 2026-03-08T13:00:00Z | 2026-03-08T21:00:00Z | the morning after: 09:00 EDT
          America/New_York | weekdays 09:00-17:00    | 2026-03-06T22:00:00Z | 2026-03-09T13:00:00Z | 2026-03-09T21:00:00Z | Friday 17:00 EST to Monday 09:00 EDT
          America/New_York | sunday 01:30-03:00      | 2026-11-01T04:00:00Z | 2026-11-01T05:30:00Z | 2026-11-01T08:00:00Z | 01:30 twice: the first, EDT; closes 03:00 EST
          America/New_York | sunday 00:00-01:30      | 2026-11-01T04:00:00Z | 2026-11-01T04:00:00Z | 2026-11-01T05:30:00Z | ends at the first 01:30
          America/New_York | sunday 09:00-17:00      | 2026-11-01T04:00:00Z | 2026-11-01T14:00:00Z | 2026-11-01T22:00:00Z | the morning after: 09:00 EST
          America/New_York | saturday 18:00-24:00; sunday 00:00-01:30 | 2026-10-31T23:00:00Z | 2026-10-31T23:00:00Z | 2026-11-01T05:30:00Z | across midnight into the repeated hour
        """)
  void daylightSavingTime(String zone, String schedule, Instant from, Instant opens, Instant closes, String why) {
    BusinessHours hours = hours(zone, schedule);

    assertThat(hours.nextOpening(from)).contains(opens);
    assertThat(hours.nextClosing(opens)).contains(closes);
  }

  @ParameterizedTest(name = "{0} {1} at {2}: {3} ({4})")
  @CsvSource(
      delimiterString = "|",
      textBlock = """
        # zone             | schedule           | at (UTC)             | open  | local clock
          Europe/Berlin    | sunday 02:30-04:00 | 2026-03-29T00:59:59Z | false | 01:59:59 CET, the last second before the jump
          Europe/Berlin    | sunday 02:30-04:00 | 2026-03-29T01:00:00Z | true  | 03:00 CEST, past 02:30
          Europe/Berlin    | sunday 02:30-04:00 | 2026-10-25T00:29:59Z | false | 02:29:59 CEST
          Europe/Berlin    | sunday 02:30-04:00 | 2026-10-25T00:30:00Z | true  | 02:30 CEST, the first 02:30
          Europe/Berlin    | sunday 02:30-04:00 | 2026-10-25T01:15:00Z | true  | 02:15 CET, the repeated hour: stays open
          Europe/Berlin    | sunday 02:30-04:00 | 2026-10-25T03:00:00Z | false | 04:00 CET
          America/New_York | sunday 02:30-05:00 | 2026-03-08T06:59:59Z | false | 01:59:59 EST
          America/New_York | sunday 02:30-05:00 | 2026-03-08T07:00:00Z | true  | 03:00 EDT, past 02:30
          America/New_York | sunday 01:30-03:00 | 2026-11-01T05:29:59Z | false | 01:29:59 EDT
          America/New_York | sunday 01:30-03:00 | 2026-11-01T05:30:00Z | true  | 01:30 EDT, the first 01:30
          America/New_York | sunday 01:30-03:00 | 2026-11-01T06:15:00Z | true  | 01:15 EST, the repeated hour: stays open
          America/New_York | sunday 01:30-03:00 | 2026-11-01T07:59:59Z | true  | 02:59:59 EST
          America/New_York | sunday 01:30-03:00 | 2026-11-01T08:00:00Z | false | 03:00 EST
          America/New_York | sunday 00:00-01:30 | 2026-11-01T05:29:59Z | true  | 01:29:59 EDT
          America/New_York | sunday 00:00-01:30 | 2026-11-01T05:30:00Z | false | 01:30 EDT, the first 01:30
          America/New_York | sunday 00:00-01:30 | 2026-11-01T06:15:00Z | false | 01:15 EST: does not open again
        """)
  void isOpenAcrossDaylightSavingTime(String zone, String schedule, Instant at, boolean open, String clock) {
    assertThat(hours(zone, schedule).isOpen(at)).isEqualTo(open);
  }

  /** Hours from "monday 09:00-12:00, 13:00-17:00; weekdays …", closed on {@code closedDates}. */
  private static BusinessHours hours(String zone, String schedule, String... closedDates) {
    Map<String, List<String>> week = new HashMap<>();
    for (String part : schedule.split(";\\s*")) {
      String[] dayAndOpenings = part.trim().split(" ", 2);
      List<String> openings = List.of(dayAndOpenings[1].split(",\\s*"));
      List<String> days =
          dayAndOpenings[0].equals("weekdays")
              ? List.of("monday", "tuesday", "wednesday", "thursday", "friday")
              : List.of(dayAndOpenings[0]);
      days.forEach(day -> week.put(day, openings));
    }
    return new BusinessHours(QueueHours.of("test", zone, week, List.of(closedDates)));
  }

  private static Instant at(String offsetDateTime) {
    return OffsetDateTime.parse(offsetDateTime).toInstant();
  }
}
