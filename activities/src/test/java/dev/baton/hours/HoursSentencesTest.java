package dev.baton.hours;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the bot says about a queue's hours, from the schedule the escalations use. */
class HoursSentencesTest {
  private static final QueueHours OFFICE =
      QueueHours.of(
          "general", "Europe/Berlin",
          Map.of(
              "monday", List.of("09:00-17:00"), "tuesday", List.of("09:00-17:00"),
              "wednesday", List.of("09:00-17:00"), "thursday", List.of("09:00-17:00"),
              "friday", List.of("09:00-17:00"), "saturday", List.of("10:00-14:00")),
          List.of("2026-12-25"));

  @Test
  void daysWithTheSameOpeningsAreJoined() {
    assertThat(HoursSentences.week(OFFICE))
        .isEqualTo("Monday to Friday 09:00-17:00, Saturday 10:00-14:00 (Europe/Berlin time)");
    QueueHours split =
        QueueHours.of(
            "general", "UTC", Map.of("monday", List.of("13:00-17:00", "08:00-12:00"), "tuesday", List.of("08:00-12:00", "13:00-17:00")),
            null);
    assertThat(HoursSentences.week(split)).isEqualTo("Monday and Tuesday 08:00-12:00 and 13:00-17:00 (UTC time)");
    Map<String, List<String>> always = new java.util.LinkedHashMap<>();
    for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")) {
      always.put(day, List.of("00:00-24:00"));
    }
    assertThat(HoursSentences.week(QueueHours.of("general", "UTC", always, null))).isEqualTo("every day 00:00-24:00 (UTC time)");
  }

  @Test
  void saysWhetherTheTeamIsThereNowAndWhenItIsNext() {
    // Tuesday 1 December 2026, 11:00 in Berlin.
    assertThat(HoursSentences.openNow(OFFICE, Instant.parse("2026-12-01T10:00:00Z")))
        .isEqualTo("We're open now, until 17:00.");
    // Tuesday evening: tomorrow morning.
    assertThat(HoursSentences.openNow(OFFICE, Instant.parse("2026-12-01T19:00:00Z")))
        .isEqualTo("We're closed right now and open again tomorrow at 09:00.");
    // Saturday afternoon: Monday.
    assertThat(HoursSentences.openNow(OFFICE, Instant.parse("2026-12-05T15:00:00Z")))
        .isEqualTo("We're closed right now and open again Monday at 09:00.");
    // Christmas Day (a Friday) is closed: Saturday.
    assertThat(HoursSentences.openNow(OFFICE, Instant.parse("2026-12-25T10:00:00Z")))
        .isEqualTo("We're closed right now and open again tomorrow at 10:00.");
  }

  @Test
  void aQueueWithoutOpeningsSaysSo() {
    QueueHours never = QueueHours.of("general", "UTC", null, null);
    assertThat(HoursSentences.values(never, Instant.parse("2026-12-01T10:00:00Z")))
        .containsEntry("hours", "by appointment only (no regular opening hours)")
        .containsEntry("openNow", "We're closed right now.");
  }
}
