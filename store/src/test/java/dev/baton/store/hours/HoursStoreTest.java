package dev.baton.store.hours;

import static dev.baton.store.StoreDatabase.JDBC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.hours.InvalidScheduleException;
import dev.baton.hours.QueueHours;
import dev.baton.store.StoreDatabase;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Business hours: shipped defaults, operators' hours, and the one stored JSON shape. */
class HoursStoreTest {
  private static final QueueHours WEEKDAYS =
      QueueHours.of(HoursStore.DEFAULT, "Europe/Berlin", Map.of("MONDAY", List.of("09:00-17:00"), "friday", List.of("09:00-12:00", "13:00-15:00")), List.of("2026-12-25"));

  private final HoursStore hours = new HoursStore(JDBC);

  @BeforeEach
  void empty() {
    StoreDatabase.clear();
  }

  @Test
  void aQueueWithoutHoursOfItsOwnInheritsTheDefault() {
    hours.putDefault(HoursStore.DEFAULT, WEEKDAYS, 1);

    StoredHours orders = hours.find("orders").orElseThrow();

    assertThat(orders.queue()).isEqualTo("orders");
    assertThat(orders.inherited()).isTrue();
    assertThat(orders.source()).isEqualTo("default");
    assertThat(orders.hours().zone()).isEqualTo("Europe/Berlin");
    assertThat(orders.hours().week()).containsEntry("monday", List.of("09:00-17:00")).containsEntry("friday", List.of("09:00-12:00", "13:00-15:00"));
    assertThat(orders.hours().closedDates()).containsExactly("2026-12-25");
    assertThat(hours.hours("orders")).get().satisfies(h -> {
      assertThat(h.queue()).isEqualTo("orders");
      assertThat(h.week()).containsOnlyKeys(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    });
  }

  @Test
  void withNothingStoredThereAreNoHours() {
    assertThat(hours.find("orders")).isEmpty();
    assertThat(hours.hours("orders")).isEmpty();
  }

  @Test
  void anOperatorsHoursWinAndSurviveTheShippedDefaultsBeingRewritten() {
    QueueHours late = QueueHours.of("orders", "UTC", Map.of("saturday", List.of("18:00-24:00")), null);

    StoredHours stored = hours.putOperator(late);
    boolean written = hours.putDefault("orders", WEEKDAYS, 99);

    assertThat(written).isFalse();
    assertThat(stored.inherited()).isFalse();
    assertThat(stored.source()).isEqualTo("operator");
    assertThat(hours.find("orders").orElseThrow().hours()).isEqualTo(new Hours("UTC", Map.of("saturday", List.of("18:00-24:00")), List.of()));
    assertThat(hours.hours("orders")).contains(late);
  }

  @Test
  void shippedHoursAreStoredOncePerVersionAndNeverPutBackByAnOlderVersion() {
    QueueHours changed = QueueHours.of("orders", "UTC", Map.of("monday", List.of("08:00-16:00")), null);

    assertThat(hours.putDefault("orders", WEEKDAYS, 1)).isTrue();
    var first = hours.find("orders").orElseThrow().updatedAt();
    assertThat(hours.putDefault("orders", changed, 1)).as("the same version again").isFalse();
    assertThat(hours.find("orders").orElseThrow().updatedAt()).isEqualTo(first);
    assertThat(hours.find("orders").orElseThrow().hours()).isEqualTo(Hours.from(WEEKDAYS));

    assertThat(hours.putDefault("orders", changed, 2)).as("a newer version").isTrue();
    assertThat(hours.putDefault("orders", WEEKDAYS, 1)).as("an older worker restarting").isFalse();

    assertThat(hours.hours("orders")).contains(changed);
    assertThat(hours.defaultsVersion("orders")).contains(2);
  }

  @Test
  void theStoredDocumentIsZoneWeekAndClosedDates() {
    hours.putDefault(HoursStore.DEFAULT, WEEKDAYS, 1);

    String document = JDBC.queryForObject("select hours::text from queue_hours where queue = '_default'", String.class);

    assertThat(document)
        .isEqualTo("{\"week\": {\"friday\": [\"09:00-12:00\", \"13:00-15:00\"], \"monday\": [\"09:00-17:00\"]}, \"zone\": \"Europe/Berlin\", \"closedDates\": [\"2026-12-25\"]}");
  }

  @Test
  void storedHoursThatNoLongerCheckNameTheirProblem() {
    JDBC.update("insert into queue_hours (queue, hours) values ('broken', cast(? as jsonb))", "{\"zone\":\"Mars/Base\",\"week\":{}}");

    assertThatThrownBy(() -> hours.hours("broken")).isInstanceOf(InvalidScheduleException.class).hasMessageContaining("Mars/Base");
  }
}
