package dev.baton.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Presence and capacity that tell the truth, on the real stack: an agent whose heartbeats stop is
 * no longer counted (the customer is not promised them), a conversation they held goes back to the
 * waiting list first in line, and an agent at capacity cannot take more however many takeovers
 * race. The stack's presence timeout is {@link BatonStack#PRESENCE_TIMEOUT}.
 */
@ExtendWith(BatonStackExtension.class)
class PresenceIT {
  /** The timeout, the sweep that writes it, and a busy machine. */
  private static final Duration EXPIRY = BatonStack.PRESENCE_TIMEOUT.plusSeconds(20);

  private final BatonStack stack;
  private final ApiClient api;
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final List<String> conversations = new ArrayList<>();

  PresenceIT(BatonStack stack) {
    this.stack = stack;
    this.api = stack.api();
  }

  @BeforeEach
  void onlyThisTestsAgents() {
    stack.allAgentsOffline();
  }

  @AfterEach
  void leaveNothingWaiting() {
    for (String id : conversations) {
      api.as(api.operator()).post("/conversations/" + id + "/close", Map.of());
    }
  }

  @Test
  void anAgentWhoseHeartbeatsStopIsOfflineAndNotPromised() {
    String agent = "lid-" + suffix;
    api.agentOnline(agent, List.of("orders", "general"), 3);
    String before = open("where is my order 12345678");
    assertThat(api.handoff(before, null).expect(200).path("status").asText()).as("the agent is there").isEqualTo("AWAITING_AGENT");

    api.credentials().silence(agent);

    await().atMost(EXPIRY).pollInterval(Duration.ofSeconds(1))
        .until(() -> api.get("/agents/" + agent).expect(200).path("status").asText().equals("OFFLINE"));
    String after = open("where is my order 87654321");
    JsonNode asked = api.handoff(after, null).expect(200);
    assertThat(asked.path("status").asText()).as("nobody is promised who is not there").isEqualTo("CALLBACK_SCHEDULED");
    assertThat(api.as(api.agent(agent)).post("/agents/" + agent + "/heartbeat", Map.of()).status())
        .as("a lapsed presence is not revived by a late heartbeat")
        .isEqualTo(409);
  }

  @Test
  void aConversationWhoseHolderVanishedWaitsFirstInLineAndAnotherAgentTakesIt() {
    String alice = "alice-" + suffix;
    String bob = "bob-" + suffix;
    api.agentOnline(alice, List.of("orders", "general"), 3);
    // Waiting since before the conversation alice takes, and nobody takes it.
    String earlier = open("where is my order 11111111");
    api.handoff(earlier, null).expect(200);
    String id = open("where is my order 12345678");
    api.handoff(id, null).expect(200);
    api.post("/conversations/" + id + "/takeover", Map.of("agentId", alice)).expect(200);

    api.credentials().silence(alice);

    await().atMost(EXPIRY).pollInterval(Duration.ofSeconds(1))
        .until(() -> api.conversation(id).path("status").asText().equals("AWAITING_AGENT"));
    JsonNode back = api.conversation(id);
    assertThat(back.path("assignedAgent").isNull()).isTrue();
    assertThat(back.path("summary").path("agentNotes").toString()).contains("Returned to the queue: " + alice + " went offline");
    List<String> notes = new ArrayList<>();
    back.path("messages").forEach(m -> notes.add(m.path("author").asText() + ": " + m.path("text").asText()));
    assertThat(notes).anyMatch(t -> t.startsWith("SYSTEM: ") && t.contains("had to step away"));
    api.agentOnline(bob, List.of("orders", "general"), 3);
    List<String> line = new ArrayList<>();
    api.get("/queues/orders/waiting").expect(200).path("waiting").forEach(w -> line.add(w.path("conversationId").asText()));
    assertThat(line.indexOf(id)).as("back in line, ahead of the customer waiting since before it was taken").isBetween(0, line.indexOf(earlier));
    assertThat(api.post("/conversations/" + id + "/takeover", Map.of("agentId", bob)).expect(200).path("conversation").path("assignedAgent").asText())
        .isEqualTo(bob);
  }

  @Test
  void twentyParallelTakeoversByAnAgentWithRoomForTwoTakeTwo() throws Exception {
    String agent = "busy-" + suffix;
    api.agentOnline(agent, List.of("orders", "general"), 2);
    List<String> waiting = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String id = open("where is my order 1234567" + (i % 10));
      api.handoff(id, null).expect(200);
      waiting.add(id);
    }

    ExecutorService pool = Executors.newFixedThreadPool(20);
    List<CompletableFuture<ApiClient.Response>> takeovers = new ArrayList<>();
    try {
      for (String id : waiting) {
        takeovers.add(CompletableFuture.supplyAsync(() -> api.post("/conversations/" + id + "/takeover", Map.of("agentId", agent)), pool));
      }
      List<Integer> statuses = takeovers.stream().map(t -> t.join().status()).toList();
      System.out.println("capacity race: " + statuses.stream().filter(s -> s == 200).count() + " of 20 takeovers admitted, statuses " + statuses);
      assertThat(statuses).filteredOn(s -> s == 200).as("the agent's two places").hasSize(2);
      assertThat(statuses).filteredOn(s -> s == 409).hasSize(18);
    } finally {
      pool.shutdownNow();
    }
    assertThat(api.get("/agents/" + agent).expect(200).path("activeConversations").asInt()).isEqualTo(2);
  }

  private String open(String text) {
    String id = api.newConversation("presence-" + suffix + "-" + conversations.size(), text);
    conversations.add(id);
    return id;
  }
}
