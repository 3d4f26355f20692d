package dev.baton.hours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.baton.reads.QuickReads;
import dev.baton.store.StoreWatch;
import dev.baton.store.hours.HoursStore;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessResourceFailureException;

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

  @Test
  void whileTheDatabaseDoesNotAnswerAQueueGoesByTheHoursLastReadElseByTheShippedOnes() {
    HoursStore store = mock(HoursStore.class);
    QueueHours operators = QueueHours.of("billing", "Asia/Tokyo", Map.of("sunday", List.of("10:00-11:00")), List.of());
    when(store.hours("billing")).thenReturn(Optional.of(operators));
    HoursActivitiesImpl activities =
        new HoursActivitiesImpl(
            store, new ClassPathResource("hours/hours.yaml"), Clock.fixed(NOW, ZoneOffset.UTC),
            new QuickReads(Duration.ofMillis(200), new StoreWatch(Duration.ZERO)));
    assertThat(activities.schedule("billing").hours().zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));

    when(store.hours("billing")).thenThrow(new DataAccessResourceFailureException("refused"));
    when(store.hours("sales")).thenAnswer(hang -> { Thread.sleep(5_000); return Optional.empty(); });
    long start = System.nanoTime();

    assertThat(activities.schedule("billing").hours().week()).isEqualTo(operators.week());
    assertThat(activities.schedule("sales").hours().week()).isNotEqualTo(operators.week()).isNotEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }
}
