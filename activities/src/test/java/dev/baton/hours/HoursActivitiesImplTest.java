package dev.baton.hours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.baton.store.hours.HoursStore;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** The schedule a conversation reads stays small whatever was stored. */
class HoursActivitiesImplTest {
  private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");

  @Test
  void aScheduleWithYearsOfClosedDatesTravelsWithOnlyTheDatesAConversationCanReach() {
    HoursStore store = mock(HoursStore.class);
    List<String> dates =
        Stream.iterate(LocalDate.of(1800, 1, 1), d -> d.plusDays(1)).limit(200_000).map(LocalDate::toString).toList();
    QueueHours huge = QueueHours.of("billing", "Europe/Berlin", Map.of("monday", List.of("09:00-17:00")), dates);
    when(store.hours("billing")).thenReturn(Optional.of(huge));
    HoursActivitiesImpl activities =
        new HoursActivitiesImpl(store, new ClassPathResource("hours/hours.yaml"), Clock.fixed(NOW, ZoneOffset.UTC));

    QueueSchedule schedule = activities.schedule("billing");

    assertThat(schedule.hours().closedDates())
        .isNotEmpty()
        .allSatisfy(d -> assertThat(d).isBetween(LocalDate.of(2026, 5, 31), LocalDate.of(2026, 6, 1).plusDays(2L * BusinessHours.SEARCH_DAYS)));
    assertThat(schedule.hours().closedDates()).contains(LocalDate.of(2026, 12, 25));
    int bytes = DefaultDataConverter.STANDARD_INSTANCE.toPayload(schedule).orElseThrow().getSerializedSize();
    assertThat(bytes).isLessThan(64 * 1024);
  }
}
