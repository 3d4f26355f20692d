package dev.baton.store.agents;

import static dev.baton.store.StoreDatabase.JDBC;
import static dev.baton.store.StoreDatabase.T0;
import static dev.baton.store.StoreDatabase.change;
import static dev.baton.store.StoreDatabase.entry;
import static dev.baton.store.StoreDatabase.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.agents.Availability;
import dev.baton.conversation.ConversationStatus;
import dev.baton.conversation.ConversationView;
import dev.baton.store.StoreDatabase;
import dev.baton.store.conversation.ConversationStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Agents' presence and the availability both processes count the same way. */
class AgentStoreTest {
  private final AgentStore agents = new AgentStore(JDBC);
  private final ConversationStore conversations = StoreDatabase.conversations();

  @BeforeEach
  void empty() {
    StoreDatabase.clear();
  }

  @Test
  void presenceIsStoredAndReadBackWithTheAgentsLoad() {
    Agent ada = agents.setPresence("ada", "Ada", "ONLINE", List.of("orders", "general"), 2);

    assertThat(ada.agentId()).isEqualTo("ada");
    assertThat(ada.queues()).containsExactly("orders", "general");
    assertThat(ada.maxConcurrent()).isEqualTo(2);
    assertThat(ada.activeConversations()).isZero();
    assertThat(ada.snapshot().online()).isTrue();
    assertThat(agents.find("nobody")).isEmpty();
  }

  @Test
  void aPresenceReplacesTheOneBefore() {
    agents.setPresence("ada", "Ada L.", "ONLINE", List.of("orders"), 2);

    Agent away = agents.setPresence("ada", "Ada", "AWAY", List.of("billing"), 1);

    assertThat(away.name()).isEqualTo("Ada");
    assertThat(away.status()).isEqualTo("AWAY");
    assertThat(away.queues()).containsExactly("billing");
  }

  @Test
  void aNameWithANulCharacterIsStoredRepairedInsteadOfFailing() {
    assertThat(agents.setPresence("nul", "Ny\u0000x", "ONLINE", List.of("orders"), 1).name()).isEqualTo("Ny\uFFFDx");
  }

  @Test
  void aPresenceWithoutANameIsNamedByItsId() {
    agents.setPresence("bob", "Bob", "ONLINE", List.of("orders"), 1);

    assertThat(agents.setPresence("bob", null, "ONLINE", List.of("orders"), 1).name()).isEqualTo("bob");
  }

  @Test
  void onlyOnlineAgentsWithRoomAreFree() {
    agents.setPresence("ada", "Ada", "ONLINE", List.of("orders"), 1);
    agents.setPresence("bob", "Bob", "ONLINE", List.of("orders"), 2);
    agents.setPresence("cy", "Cy", "AWAY", List.of("orders"), 5);
    agents.setPresence("di", "Di", "ONLINE", List.of("billing"), 5);
    conversations.record(entry(heldBy("h-1", "ada"), null));

    assertThat(agents.online("orders")).isEqualTo(2);
    assertThat(agents.free("orders")).isEqualTo(1);
    assertThat(agents.find("ada")).get().extracting(Agent::activeConversations).isEqualTo(1);
    assertThat(agents.free("returns")).isZero();
  }

  @Test
  void aWaitingConversationIsBehindHigherPrioritiesAndEarlierEscalations() {
    conversations.record(entry(waiting("first", "orders", 2, T0), null));
    conversations.record(entry(waiting("urgent", "orders", 4, T0.plusSeconds(300)), null));
    conversations.record(entry(waiting("me", "orders", 2, T0.plusSeconds(60)), null));
    conversations.record(entry(waiting("later", "orders", 2, T0.plusSeconds(120)), null));
    conversations.record(entry(waiting("elsewhere", "billing", 9, T0), null));

    Availability me = agents.availability("orders", 2, "me");

    assertThat(me.position()).isEqualTo(3);
    assertThat(me.agentsFree()).isZero();
    assertThat(me.estimatedWait()).isEqualTo(Availability.FIRST_ESTIMATE.multipliedBy(3));
    // Not yet recorded as escalated: behind every conversation of its priority, "me" included.
    assertThat(agents.availability("orders", 2, "not-yet-recorded").position()).isEqualTo(5);
  }

  @Test
  void theWaitIsEstimatedFromTheQueuesRecentPickups() {
    agents.setPresence("ada", "Ada", "ONLINE", List.of("orders"), 3);
    ConversationView picked = waiting("picked", "orders", 1, T0);
    conversations.record(entry(picked, null));
    conversations.record(
        entry(taken(picked, "ada"), change(1, ConversationStatus.AWAITING_AGENT, ConversationStatus.AGENT_ACTIVE, T0.plusSeconds(90))));

    Availability next = agents.availability("orders", 1, "next");

    assertThat(next.agentsFree()).isEqualTo(1);
    assertThat(next.position()).isEqualTo(1);
    assertThat(next.estimatedWait()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void anAgentNotSeenForThePresenceTimeoutIsOfflineEverywhere() {
    agents.setPresence("ada", "Ada", "ONLINE", List.of("orders"), 2);
    agents.setPresence("bob", "Bob", "ONLINE", List.of("orders"), 2);
    lastSeen("ada", Duration.ofSeconds(61));

    assertThat(agents.online("orders")).as("only bob").isEqualTo(1);
    assertThat(agents.free("orders")).isEqualTo(1);
    assertThat(agents.availability("orders", 1, "c").agentsFree()).isEqualTo(1);
    assertThat(agents.find("ada")).get().extracting(Agent::status).isEqualTo("OFFLINE");
    assertThat(agents.heartbeat("ada")).as("an expired presence is not revived by a heartbeat").isFalse();
    assertThat(agents.heartbeat("bob")).isTrue();

    assertThat(agents.expire()).containsExactly("ada");
    assertThat(agents.expire()).as("written once").isEmpty();
  }

  @Test
  void aConversationWhoseHolderIsGoneIsStranded() {
    agents.setPresence("ada", "Ada", "ONLINE", List.of("orders"), 2);
    agents.setPresence("bob", "Bob", "ONLINE", List.of("orders"), 2);
    agents.setPresence("cy", "Cy", "ONLINE", List.of("orders"), 2);
    conversations.record(entry(heldBy("by-ada", "ada"), null));
    conversations.record(entry(heldBy("by-bob", "bob"), null));
    conversations.record(entry(heldBy("by-cy", "cy"), null));
    agents.setPresence("bob", "Bob", "OFFLINE", List.of("orders"), 2);
    lastSeen("cy", Duration.ofSeconds(90));

    assertThat(agents.stranded(Duration.ofSeconds(60)))
        .containsExactlyInAnyOrder(new AgentStore.Stranded("by-bob", "bob"), new AgentStore.Stranded("by-cy", "cy"));
  }

  @Test
  void twentyConcurrentTakeoversByAnAgentWithTwoFreePlacesAdmitTwo() throws Exception {
    agents.setPresence("ada", "Ada", "ONLINE", List.of("orders"), 3);
    conversations.record(entry(heldBy("held", "ada"), null));
    ExecutorService pool = Executors.newFixedThreadPool(20);
    try {
      List<Callable<Boolean>> takeovers =
          IntStream.range(0, 20).<Callable<Boolean>>mapToObj(i -> () -> agents.reserve("ada", "c-" + i)).toList();
      long admitted = 0;
      for (Future<Boolean> result : pool.invokeAll(takeovers)) {
        admitted += result.get() ? 1 : 0;
      }
      assertThat(admitted).isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
    assertThat(agents.free("orders")).as("the reservations count until released").isZero();
  }

  @Test
  void aReleasedReservationFreesItsPlace() {
    agents.setPresence("ada", "Ada", "ONLINE", List.of("orders"), 1);

    assertThat(agents.reserve("ada", "c-1")).isTrue();
    assertThat(agents.reserve("ada", "c-2")).isFalse();
    agents.release("ada", "c-1");
    assertThat(agents.reserve("ada", "c-2")).isTrue();
    assertThat(agents.reserve("nobody", "c-3")).isFalse();
  }

  private static void lastSeen(String agentId, Duration ago) {
    JDBC.update("update agents set last_seen = now() - ? * interval '1 second' where agent_id = ?", ago.toSeconds(), agentId);
  }

  private static ConversationView heldBy(String id, String agent) {
    return taken(waiting(id, "orders", 1, T0), agent);
  }

  private static ConversationView taken(ConversationView waiting, String agent) {
    return new ConversationView(
        waiting.conversationId(), waiting.customer(), waiting.channel(), ConversationStatus.AGENT_ACTIVE, waiting.intent(),
        waiting.confidence(), waiting.sentiment(), waiting.queue(), agent, waiting.lastSeq() + 1, waiting.turns(),
        waiting.escalation(), waiting.summary(), null);
  }
}
