package dev.baton.store.metrics;

import static dev.baton.store.metrics.Containment.ASSUMED;
import static dev.baton.store.metrics.Containment.CONFIRMED;
import static dev.baton.store.metrics.Containment.NOT_CONTAINED;
import static dev.baton.store.metrics.Containment.PENDING;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * When the bot resolved a conversation alone, and how we know: one row per case, as
 * docs/operations.md states them. The assumed-resolution time is 1 h; "ended" is how long ago
 * the conversation was resolved, abandoned or closed (empty: still open); "back" is how long after
 * that the customer started another conversation about the same request.
 */
class ContainmentTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final Duration AFTER = Duration.ofHours(1);

  static Stream<Arguments> cases() {
    return Stream.of(
        // escalated, said solved, rating, ended, request, last answered, back → containment
        row("said it was solved", false, true, null, "2h", "track_order", true, null, CONFIRMED),
        row("said solved, rated 1: their words stand", false, true, 1, "2h", "track_order", true, null, CONFIRMED),
        row("rated 5 with the bot, never said solved", false, false, 5, "2h", "track_order", true, null, CONFIRMED),
        row("rated 4 while still open", false, false, 4, null, "track_order", true, null, CONFIRMED),
        row("said solved, back after 10 h", false, true, null, "20h", "track_order", true, "10h", NOT_CONTAINED),
        row("said solved, back after 80 h", false, true, null, "90h", "track_order", true, "80h", CONFIRMED),
        row("escalated, then resolved", true, false, 5, "2h", "track_order", true, null, NOT_CONTAINED),
        row("answered, left 2 h ago", false, false, null, "2h", "track_order", true, null, ASSUMED),
        row("answered, left 10 min ago", false, false, null, "10m", "track_order", true, null, PENDING),
        row("answered, left 2 h ago, rated 3", false, false, 3, "2h", "track_order", true, null, ASSUMED),
        row("answered, left 2 h ago, rated 2", false, false, 2, "2h", "track_order", true, null, NOT_CONTAINED),
        row("answered, back with the same request after 30 min", false, false, null, "2h", "track_order", true, "30m", NOT_CONTAINED),
        row("answered, back with the same request after 10 h", false, false, null, "20h", "track_order", true, "10h", NOT_CONTAINED),
        row("the last message went unanswered", false, false, null, "2h", "track_order", false, null, NOT_CONTAINED),
        row("no reading recorded", false, false, null, "2h", "track_order", null, null, NOT_CONTAINED),
        row("asked for nothing the bot could place", false, false, null, "2h", null, true, null, NOT_CONTAINED),
        row("answered, still open", false, false, null, null, "track_order", true, null, NOT_CONTAINED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void judge(
      String name, boolean escalated, boolean saidSolved, Integer rating, String ended, String request,
      Boolean lastAnswered, String back, Containment expected) {
    Instant endedAt = ended == null ? null : NOW.minus(duration(ended));
    assertThat(
            Containment.judge(
                escalated, saidSolved, rating, endedAt, request, lastAnswered, back == null ? null : duration(back), NOW,
                AFTER))
        .isEqualTo(expected);
  }

  private static Arguments row(
      String name, boolean escalated, boolean saidSolved, Integer rating, String ended, String request,
      Boolean lastAnswered, String back, Containment expected) {
    return Arguments.of(name, escalated, saidSolved, rating, ended, request, lastAnswered, back, expected);
  }

  private static Duration duration(String text) {
    return Duration.parse("PT" + text.toUpperCase());
  }
}
