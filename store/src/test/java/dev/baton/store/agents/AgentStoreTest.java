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
