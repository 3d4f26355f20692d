package dev.baton.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.baton.hours.HoursActivities;
import dev.baton.reads.QuickReads;
import dev.baton.store.StoreWatch;
import dev.baton.store.agents.AgentStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/** While the database does not answer, a person is promised only on a recent reading. */
class AgentActivitiesImplTest {
  private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
  private final AgentStore store = mock(AgentStore.class);
  private final MovableClock clock = new MovableClock(NOW);
  private final AgentActivitiesImpl activities =
      new AgentActivitiesImpl(store, mock(HoursActivities.class), new QuickReads(Duration.ofMillis(300), new StoreWatch(Duration.ZERO)), clock);

  @Test
  void agentsFreeAMinuteAgoStillCountWhileTheDatabaseIsDown() {
    Availability free = Availability.of(2, 0, 30.0);
    when(store.availability("billing", 1, "c-1")).thenReturn(free);
    assertThat(activities.availability("billing", 1, "c-1")).isEqualTo(free);

    when(store.availability("billing", 1, "c-2")).thenThrow(new DataAccessResourceFailureException("refused"));
    clock.now = NOW.plusSeconds(60);

    Availability estimated = activities.availability("billing", 1, "c-2");
    assertThat(estimated.agentsFree()).isEqualTo(2);
    assertThat(estimated.position()).as("behind the conversation last read, not in its place").isEqualTo(2);
  }

  @Test
  void anOldReadingOrNoneAtAllPromisesNobody() {
    when(store.availability("billing", 1, "c-1")).thenReturn(Availability.of(2, 0, 30.0));
    activities.availability("billing", 1, "c-1");
    when(store.availability("billing", 1, "c-2")).thenThrow(new DataAccessResourceFailureException("refused"));
    when(store.availability("sales", 1, "c-3")).thenThrow(new DataAccessResourceFailureException("refused"));
    clock.now = NOW.plus(AgentActivitiesImpl.TRUSTED_FOR).plusSeconds(1);

    assertThat(activities.availability("billing", 1, "c-2").agentsFree()).isZero();
    assertThat(activities.availability("sales", 1, "c-3").agentsFree()).isZero();
  }

  /** A clock the test moves. */
  private static final class MovableClock extends Clock {
    Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
