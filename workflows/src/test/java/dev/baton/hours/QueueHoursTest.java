package dev.baton.hours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reading a queue's opening hours from API text, and the problems a support manager is shown when
 * they are wrong: every one at once, each named by its field.
 */
class QueueHoursTest {
  private static final List<String> WEEKDAY = List.of("09:00-12:00", "13:00-17:30");

  @Test
  void readsDayNamesInAnyCaseAndLeavesClosedDaysOut() {
    QueueHours hours =
        QueueHours.of(
            "billing",
            "Europe/Berlin",
            Map.of("monday", WEEKDAY, "TUESDAY", WEEKDAY, "Friday", List.of("18:00-24:00"), "sunday", List.of()),
            List.of("2026-12-25", "2026-12-26"));

    assertThat(hours.queue()).isEqualTo("billing");
    assertThat(hours.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(hours.week())
        .containsOnlyKeys(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.FRIDAY)
        .containsEntry(
            DayOfWeek.MONDAY,
            List.of(
                new OpeningInterval(LocalTime.of(9, 0), LocalTime.of(12, 0)),
                new OpeningInterval(LocalTime.of(13, 0), LocalTime.of(17, 30))))
        .containsEntry(DayOfWeek.FRIDAY, List.of(new OpeningInterval(LocalTime.of(18, 0), LocalTime.MAX)));
    assertThat(hours.closedDates()).containsExactly(LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 26));
    assertThat(hours.check()).isEmpty();
  }

  @Test
  void aQueueWithoutOpeningsOrClosuresIsValid() {
    QueueHours dormant = QueueHours.of("dormant", "UTC", null, null);

    assertThat(dormant.week()).isEmpty();
    assertThat(dormant.closedDates()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "|",
      textBlock = """
        # what is wrong            | zone          | day     | opening     | closed date | the problem reported
          unknown timezone         | Mars/Base     | monday  | 09:00-17:00 | 2026-12-25  | zone 'Mars/Base' is not a known timezone
          no timezone              | ''            | monday  | 09:00-17:00 | 2026-12-25  | zone is required
          unknown day name         | Europe/Berlin | funday  | 09:00-17:00 | 2026-12-25  | week.funday is not a day of the week (monday to sunday, any case)
          abbreviated day name     | Europe/Berlin | mon     | 09:00-17:00 | 2026-12-25  | week.mon is not a day of the week (monday to sunday, any case)
          malformed interval       | Europe/Berlin | monday  | 9-17        | 2026-12-25  | week.MONDAY[0] '9-17' is not an opening like 09:00-17:30
          end not after start      | Europe/Berlin | Monday  | 17:00-09:00 | 2026-12-25  | week.MONDAY[0] '17:00-09:00' does not end after it starts; split an opening across midnight into one until 24:00 and one from 00:00 the next day
          midnight written 00:00   | Europe/Berlin | MONDAY  | 22:00-00:00 | 2026-12-25  | week.MONDAY[0] '22:00-00:00' ends at 00:00; write 24:00 for midnight
          no such day of February  | Europe/Berlin | monday  | 09:00-17:00 | 2026-02-30  | closedDates[0] '2026-02-30' is not a date
          date in another format   | Europe/Berlin | monday  | 09:00-17:00 | 25.12.2026  | closedDates[0] '25.12.2026' is not a date like 2026-12-25
        """)
  void namesTheFieldThatIsWrong(
      String what, String zone, String day, String opening, String closedDate, String problem) {
    assertThatThrownBy(() -> QueueHours.of("billing", zone, Map.of(day, List.of(opening)), List.of(closedDate)))
        .isInstanceOfSatisfying(
            InvalidScheduleException.class,
            e -> assertThat(e.problems()).extracting(Problem::toString).containsExactly(problem))
        .hasMessage("Opening hours of queue 'billing': " + problem);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiterString = "|",
      textBlock = """
        # monday's openings                     | the problems reported
          09:00-12:00, 11:00-14:00              | week.MONDAY[1] overlaps week.MONDAY[0]
          09:00-17:00, 09:00-17:00              | week.MONDAY[1] overlaps week.MONDAY[0]
          13:00-17:00, 09:00-13:30              | week.MONDAY[1] overlaps week.MONDAY[0]
          08:00-18:00, 09:00-10:00, 12:00-13:00 | week.MONDAY[1] overlaps week.MONDAY[0]; week.MONDAY[2] overlaps week.MONDAY[0]
          09:00-12:00, 12:00-17:00              | ''
          18:00-24:00, 00:00-02:00              | ''
        """)
  void intervalsOfADayMayTouchButNotOverlap(String openings, String expected) {
    List<String> problems = expected.isEmpty() ? List.of() : List.of(expected.split("; "));
    Map<String, List<String>> week = Map.of("monday", List.of(openings.split(",\\s*")));

    if (problems.isEmpty()) {
      assertThat(QueueHours.of("billing", "Europe/Berlin", week, List.of()).check()).isEmpty();
    } else {
      assertThatThrownBy(() -> QueueHours.of("billing", "Europe/Berlin", week, List.of()))
          .isInstanceOfSatisfying(
              InvalidScheduleException.class,
              e -> assertThat(e.problems()).extracting(Problem::toString).containsExactlyElementsOf(problems));
    }
  }

  @Test
  void reportsEveryProblemAtOnceInAStableOrder() {
    Map<String, List<String>> week = new HashMap<>();
    week.put("funday", List.of("09:00-17:00"));
    week.put("tuesday", List.of("17:00-09:00"));
    week.put("MONDAY", List.of("09:00-12:00", "9-17", "11:00-14:00"));
    week.put("monday", List.of("10:00-11:00"));

    assertThatThrownBy(
            () -> QueueHours.of(" ", "Mars/Base", week, List.of("2026-12-24", "2026-12-25", "2026-02-30")))
        .isInstanceOfSatisfying(
            InvalidScheduleException.class,
            e -> assertThat(e.problems())
                .containsExactly(
                    new Problem("queue", "is required"),
                    new Problem("zone", "'Mars/Base' is not a known timezone"),
                    new Problem("week.MONDAY[1]", "'9-17' is not an opening like 09:00-17:30"),
                    new Problem("week.MONDAY[2]", "overlaps week.MONDAY[0]"),
                    new Problem("week.monday", "names the same day as week.MONDAY"),
                    new Problem(
                        "week.TUESDAY[0]",
                        "'17:00-09:00' does not end after it starts; split an opening across midnight "
                            + "into one until 24:00 and one from 00:00 the next day"),
                    new Problem("week.funday", "is not a day of the week (monday to sunday, any case)"),
                    new Problem("closedDates[2]", "'2026-02-30' is not a date")))
        .hasMessageStartingWith(
            "Opening hours: queue is required; zone 'Mars/Base' is not a known timezone; week.MONDAY[1] '9-17'");
  }

  @Test
  void aMissingIntervalOrDateIsNamed() {
    List<String> openings = new ArrayList<>();
    openings.add(null);
    List<String> dates = new ArrayList<>();
    dates.add(null);

    assertThatThrownBy(() -> QueueHours.of("billing", null, Map.of("monday", openings), dates))
        .isInstanceOfSatisfying(
            InvalidScheduleException.class,
            e -> assertThat(e.problems())
                .extracting(Problem::toString)
                .containsExactly("zone is required", "week.MONDAY[0] is missing", "closedDates[0] is missing"));
  }

  @Test
  void checkFindsOverlapsInHoursBuiltInCode() {
    QueueHours hours =
        new QueueHours(
            "billing",
            ZoneId.of("Europe/Berlin"),
            Map.of(DayOfWeek.WEDNESDAY, List.of(OpeningInterval.parse("09:00-12:00"), OpeningInterval.parse("11:00-12:00"))),
            List.of());

    assertThat(hours.check()).containsExactly(new Problem("week.WEDNESDAY[1]", "overlaps week.WEDNESDAY[0]"));
    assertThat(new QueueHours("", ZoneId.of("UTC"), Map.of(), List.of()).check())
        .containsExactly(new Problem("queue", "is required"));
  }

  @Test
  void keepsItsOwnCopyOfTheCollections() {
    List<OpeningInterval> monday = new ArrayList<>(List.of(OpeningInterval.parse("09:00-17:00")));
    Map<DayOfWeek, List<OpeningInterval>> week = new HashMap<>(Map.of(DayOfWeek.MONDAY, monday));
    List<LocalDate> closed = new ArrayList<>(List.of(LocalDate.of(2026, 12, 25)));
    QueueHours hours = new QueueHours("billing", ZoneId.of("Europe/Berlin"), week, closed);

    monday.add(OpeningInterval.parse("18:00-19:00"));
    week.put(DayOfWeek.TUESDAY, List.of(OpeningInterval.parse("09:00-17:00")));
    closed.clear();

    assertThat(hours.week()).containsOnlyKeys(DayOfWeek.MONDAY);
    assertThat(hours.week().get(DayOfWeek.MONDAY)).hasSize(1);
    assertThat(hours.closedDates()).hasSize(1);
    assertThatThrownBy(() -> hours.week().put(DayOfWeek.SUNDAY, List.of())).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> hours.week().get(DayOfWeek.MONDAY).clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> hours.closedDates().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aPayloadWithoutClosuresReadsAsNone() {
    QueueHours hours = new QueueHours("billing", ZoneId.of("UTC"), null, null);

    assertThat(hours.week()).isEmpty();
    assertThat(hours.closedDates()).isEmpty();
  }

  @Test
  void travelsAsATemporalPayload() {
    DataConverter converter = DefaultDataConverter.STANDARD_INSTANCE;
    QueueHours hours =
        QueueHours.of(
            "billing",
            "America/New_York",
            Map.of("monday", WEEKDAY, "friday", List.of("09:00-12:00", "18:00-24:00"), "saturday", List.of("00:00-02:00")),
            List.of("2026-11-26", "2026-12-25"));

    Payload payload = converter.toPayload(hours).orElseThrow();
    QueueHours read = converter.fromPayload(payload, QueueHours.class, QueueHours.class);

    assertThat(read).isEqualTo(hours);
    assertThat(read.week().get(DayOfWeek.FRIDAY).get(1).end()).isEqualTo(LocalTime.MAX);
    assertThat(payload.getData().toStringUtf8()).contains("\"zone\":\"America/New_York\"", "\"MONDAY\"");
  }

  @Test
  void equalHoursMakeTheSamePayloadWhateverOrderTheyWereGivenIn() {
    DataConverter converter = DefaultDataConverter.STANDARD_INSTANCE;
    Map<DayOfWeek, List<OpeningInterval>> forwards = new LinkedHashMap<>();
    Map<DayOfWeek, List<OpeningInterval>> backwards = new LinkedHashMap<>();
    for (DayOfWeek day : DayOfWeek.values()) {
      forwards.put(day, List.of(OpeningInterval.parse("09:00-17:00")));
    }
    List<DayOfWeek> days = new ArrayList<>(List.of(DayOfWeek.values()));
    Collections.reverse(days);
    days.forEach(day -> backwards.put(day, forwards.get(day)));

    Payload a = converter.toPayload(new QueueHours("billing", ZoneId.of("UTC"), forwards, List.of())).orElseThrow();
    Payload b = converter.toPayload(new QueueHours("billing", ZoneId.of("UTC"), backwards, List.of())).orElseThrow();

    assertThat(b.getData()).isEqualTo(a.getData());
    assertThat(new QueueHours("billing", ZoneId.of("UTC"), backwards, List.of()).week())
        .isEqualTo(new EnumMap<>(forwards));
  }
}
