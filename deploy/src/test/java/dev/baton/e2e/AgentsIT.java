package dev.baton.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The human side over the REST API on the real stack: no promise without an online agent, one
 * winner when two agents race, a silent bot once a person has the conversation, transfer, hand
 * back, resolve and rating, and the waiting timers (shortened by configuration).
 */
@ExtendWith(BatonStackExtension.class)
class AgentsIT {
  private static final List<String> ALL_QUEUES =
      List.of("billing", "billing_de", "technical", "account_access", "orders", "general");

  private final BatonStack stack;
  private final ApiClient api;
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);

  AgentsIT(BatonStack stack) {
    this.stack = stack;
    this.api = stack.api();
  }

  /**
   * Agents other suites left online (the shared desk, the browser test's) would take everything:
   * everyone steps out, so only this test's agents are there.
   */
  @BeforeEach
  void onlyThisTestsAgents() {
    stack.allAgentsOffline();
  }

  @AfterEach
  void agentsGoHome() {
    for (String agent : List.of("alice", "bob", "carol")) {
      presence(agent + "-" + suffix, "OFFLINE", ALL_QUEUES, 1);
    }
  }

  @Test
  void withNobodyOnlineTheCustomerGetsATicketAndAConcretePromiseNotAPerson() {
    JsonNode asked = api.startConversation("nobody-" + suffix, "standard", "I want to talk to a real person");

    assertThat(asked.path("status").asText()).isEqualTo("CALLBACK_SCHEDULED");
    String promise = last(asked.path("replies")).path("text").asText();
    assertThat(promise).startsWith("No one from our customer support team is free right now.")
        .contains("ticket #").contains("someone will contact you by");
    assertThat(promise).doesNotContain("bringing in a person");
    String id = asked.path("conversationId").asText();
    JsonNode conversation = api.conversation(id);
    String reference = conversation.path("callback").path("ticketReference").asText();
    JsonNode ticket = api.get("/tickets/" + reference.substring(1)).expect(200);
    assertThat(ticket.path("ticket").path("conversationId").asText()).isEqualTo(id);
  }

  @Test
  void twoAgentsRacingForAConversationOneWinsAndTheOtherIsToldWhoHasIt() throws Exception {
    String alice = online("alice", List.of("general"));
    String bob = online("bob", List.of("general"));
    String id = waitingConversation("race");

    CompletableFuture<ApiClient.Response> first = CompletableFuture.supplyAsync(() -> takeover(id, alice));
    CompletableFuture<ApiClient.Response> second = CompletableFuture.supplyAsync(() -> takeover(id, bob));
    List<ApiClient.Response> both = List.of(first.get(), second.get());

    assertThat(both).extracting(ApiClient.Response::status).containsExactlyInAnyOrder(200, 409);
    ApiClient.Response winner = both.stream().filter(r -> r.status() == 200).findFirst().orElseThrow();
    ApiClient.Response loser = both.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
    String holder = winner.body().path("conversation").path("assignedAgent").asText();
    assertThat(holder).isIn(alice, bob);
    assertThat(loser.contentType()).startsWith("application/problem+json");
    assertThat(loser.body().path("type").asText()).isEqualTo("urn:baton:problem:conversation-taken");
    assertThat(loser.body().path("heldBy").asText()).isEqualTo(holder);
    assertThat(winner.body().path("summary").path("primaryIssue").asText()).isNotBlank();
    assertThat(winner.body().path("transcript").size()).isPositive();
  }

  @Test
  void onceAnAgentHasItTheBotIsSilentAndMessagesGoBothWays() {
    String alice = online("alice", List.of("general"));
    String bob = online("bob", List.of("general"));
    String id = waitingConversation("relay");
    takeover(id, alice).expect(200);

    JsonNode customer = api.send(id, "are you a real person?", "relay-c2");
    JsonNode agent =
        api.post("/conversations/" + id + "/agent-messages", Map.of("agentId", alice, "text", "Yes, I'm Alice.", "clientMessageId", "a-1"))
            .expect(200);
    ApiClient.Response intruder =
        api.post("/conversations/" + id + "/agent-messages", Map.of("agentId", bob, "text", "Hi!", "clientMessageId", "b-1"));

    assertThat(customer.path("replies").size()).as("no bot reply").isZero();
    assertThat(agent.path("replies").get(0).path("author").asText()).isEqualTo("AGENT");
    assertThat(intruder.status()).isEqualTo(403);
    assertThat(intruder.body().path("type").asText()).isEqualTo("urn:baton:problem:not-holder");
    List<JsonNode> transcript = api.transcript(id);
    assertThat(transcript).extracting(m -> m.path("author").asText() + ": " + m.path("text").asText())
        .contains("SYSTEM: Alice has joined the conversation.", "CUSTOMER: are you a real person?", "AGENT: Yes, I'm Alice.");
    assertThat(api.as(api.customerOf(id)).get("/conversations/" + id).expect(200).path("agentName").asText())
        .as("the customer knows the agent by the name she gave, not her login").isEqualTo("Alice");
    assertThat(transcript.get(transcript.size() - 1).path("author").asText()).isEqualTo("AGENT");
  }

  @Test
  void transferHandBackResolveAndRate() {
    String alice = online("alice", List.of("general"));
    String carol = online("carol", List.of("billing", "orders"));
    String id = waitingConversation("journey");
    takeover(id, alice).expect(200);

    JsonNode moved =
        api.post("/conversations/" + id + "/transfer", Map.of("agentId", alice, "queue", "billing", "note", "Double charge on the May invoice"))
            .expect(200);
    assertThat(moved.path("status").asText()).isEqualTo("AWAITING_AGENT");
    assertThat(moved.path("queue").asText()).isEqualTo("billing");
    assertThat(moved.path("summary").path("agentNotes").get(0).asText()).endsWith("Double charge on the May invoice");

    takeover(id, carol).expect(200);
    JsonNode back =
        api.post("/conversations/" + id + "/release", Map.of("agentId", carol, "note", "Refund issued")).expect(200);
    assertThat(back.path("status").asText()).isEqualTo("BOT_ACTIVE");
    JsonNode botAgain = api.send(id, "where is my order 12345678", "journey-c3");
    assertThat(botAgain.path("replies").get(0).path("author").asText()).isEqualTo("BOT");

    assertThat(api.handoff(id, null).expect(200).path("status").asText()).isEqualTo("AWAITING_AGENT");
    assertThat(api.conversation(id).path("queue").asText()).as("routed by the new intent").isEqualTo("orders");
    takeover(id, carol).expect(200);
    assertThat(api.post("/conversations/" + id + "/csat", Map.of("score", 5)).status()).as("not resolved yet").isEqualTo(409);
    JsonNode resolved = api.post("/conversations/" + id + "/resolve", Map.of("agentId", carol, "note", "All sorted")).expect(200);
    assertThat(resolved.path("status").asText()).isEqualTo("RESOLVED");
    assertThat(api.post("/conversations/" + id + "/csat", Map.of("score", 7)).status()).isEqualTo(400);
    assertThat(api.post("/conversations/" + id + "/csat", Map.of("score", 5, "comment", "Quick and kind")).status()).isEqualTo(201);
  }

  @Test
  void missingThePickupSlaAndTheLongestWaitHaveTheirNamedOutcomes() throws IOException {
    Path hours = stack.workDirectory().resolve("e2e-hours.yaml");
    Path shortWaits = stack.workDirectory().resolve("e2e-hours-short-waits.yaml");
    Files.writeString(
        shortWaits,
        Files.readString(hours).replace("pickupSla: 2m", "pickupSla: 3s").replace("maxWait: 10m", "maxWait: 9s"));
    stack.restartWorker(Map.of("BATON_HOURS_DEFAULTS", "file:" + shortWaits));
    try {
      online("alice", List.of("general"));
      String id = waitingConversation("timers");
      int priority = api.conversation(id).path("escalation").path("priority").asInt();

      await("the pickup SLA").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
          .until(() -> api.transcript(id).stream().anyMatch(m -> m.path("text").asText().startsWith("Sorry for the wait")));
      assertThat(api.conversation(id).path("escalation").path("priority").asInt()).isEqualTo(priority + 1);
      assertThat(api.conversation(id).path("status").asText()).isEqualTo("AWAITING_AGENT");

      await("the longest wait").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
          .until(() -> api.conversation(id).path("status").asText().equals("CALLBACK_SCHEDULED"));
      assertThat(last(api.conversation(id).path("messages")).path("text").asText())
          .startsWith("I'm sorry, no one from our customer support team has been free to pick this up.");
    } finally {
      stack.restoreWorker();
    }
  }

  private String waitingConversation(String name) {
    JsonNode started = api.startConversation(name + "-" + suffix, "standard", "hello");
    String id = started.path("conversationId").asText();
    JsonNode asked = api.send(id, "I want to talk to a real person", name + "-c1");
    assertThat(asked.path("status").asText()).isEqualTo("AWAITING_AGENT");
    return id;
  }

  /** An agent {@code name}-suffix online, who shows customers the display name "Name". */
  private String online(String name, List<String> queues) {
    String agentId = name + "-" + suffix;
    presence(agentId, "ONLINE", queues, 3, Character.toUpperCase(name.charAt(0)) + name.substring(1));
    return agentId;
  }

  private void presence(String agentId, String status, List<String> queues, int capacity) {
    presence(agentId, status, queues, capacity, agentId);
  }

  private void presence(String agentId, String status, List<String> queues, int capacity, String name) {
    api.put(
            "/agents/" + agentId + "/presence",
            Map.of("status", status, "queues", queues, "maxConcurrent", capacity, "name", name))
        .expect(200);
  }

  private ApiClient.Response takeover(String conversationId, String agentId) {
    return api.post("/conversations/" + conversationId + "/takeover", Map.of("agentId", agentId));
  }

  private static JsonNode last(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items.get(items.size() - 1);
  }
}
