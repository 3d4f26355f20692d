package dev.baton.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Business hours as {@code PUT /api/v1/queues/{queue}/hours} takes them, for tests that close a
 * queue and open it again. In the end-to-end stack every queue is open around the clock until a
 * test says otherwise (see {@link BatonStack}), so a test that closes one puts {@link
 * #alwaysOpen()} back when it is done.
 */
final class Hours {
  /** The schedule queues without hours of their own use. */
  static final String DEFAULT = "_default";

  private Hours() {}

  /** Open around the clock, every day, in UTC: what the stack starts with. */
  static Map<String, Object> alwaysOpen() {
    Map<String, Object> week = new LinkedHashMap<>();
    for (DayOfWeek day : DayOfWeek.values()) {
      week.put(name(day), List.of("00:00-24:00"));
    }
    return hours(week);
  }

  /** Never open: no opening on any day, so no callback time can be promised. */
  static Map<String, Object> neverOpen() {
    return hours(Map.of());
  }

  /** Open only on {@code day}, during {@code interval} ("09:00-09:30"), in UTC. */
  static Map<String, Object> openOnlyOn(DayOfWeek day, String interval) {
    return hours(Map.of(name(day), List.of(interval)));
  }

  /** Sets the hours of {@code queue} and checks they were taken. */
  static JsonNode set(ApiClient api, String queue, Map<String, Object> hours) {
    JsonNode stored = api.request("PUT", "/queues/" + queue + "/hours", hours).expect(200);
    assertThat(stored.path("source").asText()).isEqualTo("operator");
    return stored;
  }

  private static Map<String, Object> hours(Map<String, Object> week) {
    return Map.of("zone", "UTC", "week", week, "closedDates", List.of());
  }

  private static String name(DayOfWeek day) {
    return day.name().toLowerCase(Locale.ROOT);
  }
}
