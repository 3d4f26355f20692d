package dev.baton.store.hours;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.hours.BusinessHours;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlwaysOpenHoursTest {
  // Never read: the demo setting answers without the database.
  private final AlwaysOpenHours hours = new AlwaysOpenHours(null);

  @Test
  void everyQueueIsOpenOnASaturdayNightAndOverNewYear() {
    BusinessHours billing = new BusinessHours(hours.hours("billing").orElseThrow());

    assertThat(billing.isOpen(Instant.parse("2026-12-05T23:30:00Z"))).as("Saturday night").isTrue();
    assertThat(billing.isOpen(Instant.parse("2027-01-01T00:00:00Z"))).as("New Year's midnight").isTrue();
    assertThat(billing.isOpen(Instant.parse("2026-12-25T12:00:00Z"))).as("Christmas Day").isTrue();
    assertThat(billing.nextClosing(Instant.parse("2026-12-05T23:30:00Z"))).isEmpty();
  }

  @Test
  void theHoursSayWhereTheyComeFrom() {
    StoredHours stored = hours.find("technical").orElseThrow();

    assertThat(stored.queue()).isEqualTo("technical");
    assertThat(stored.source()).isEqualTo(AlwaysOpenHours.SOURCE);
    assertThat(stored.inherited()).isFalse();
  }
}
