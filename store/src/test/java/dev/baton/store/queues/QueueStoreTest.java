package dev.baton.store.queues;

import static dev.baton.store.StoreDatabase.JDBC;
import static dev.baton.store.StoreDatabase.T0;
import static dev.baton.store.StoreDatabase.entry;
import static dev.baton.store.StoreDatabase.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.hours.QueueHours;
import dev.baton.store.StoreDatabase;
import dev.baton.store.agents.AgentStore;
import dev.baton.store.hours.HoursStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A queue exists once it has hours, an agent or a conversation. */
class QueueStoreTest {
  private final QueueStore queues = new QueueStore(JDBC);

  @BeforeEach
  void empty() {
    StoreDatabase.clear();
  }

  @Test
  void everyQueueNamedAnywhereIsListedOnceInOrderButNotTheDefault() {
    HoursStore hours = new HoursStore(JDBC);
    hours.putDefault(HoursStore.DEFAULT, QueueHours.of(HoursStore.DEFAULT, "UTC", Map.of(), null), 1);
    hours.putOperator(QueueHours.of("vip", "UTC", Map.of(), null));
    new AgentStore(JDBC).setPresence("ada", "Ada", "ONLINE", List.of("orders", "billing"), 1);
    StoreDatabase.conversations().record(entry(waiting("w-1", "orders", 1, T0), null));
    StoreDatabase.conversations().record(entry(waiting("w-2", "returns", 1, T0), null));

    assertThat(queues.names()).containsExactly("billing", "orders", "returns", "vip");
  }

  @Test
  void aQueueNameIsLowerCaseLettersDigitsAndUnderscores() {
    assertThat("orders_2").matches(QueueStore.NAME);
    assertThat("Orders").doesNotMatch(QueueStore.NAME);
    assertThat("a".repeat(65)).doesNotMatch(QueueStore.NAME);
    assertThat(HoursStore.DEFAULT).doesNotMatch(QueueStore.NAME.replace("_", ""));
  }
}
