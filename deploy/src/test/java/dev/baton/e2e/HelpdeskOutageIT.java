package dev.baton.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The helpdesk never holds up a conversation. A customer waits for a callback with a Zendesk
 * ticket; then Zendesk answers every call with 500, 503 or 429 for 60 s. Meanwhile the customer
 * writes five messages and an agent takes the conversation over: every call answers at the speed
 * of a normal turn (a call held up by the helpdesk would take the api's whole turn deadline and
 * answer 503). When Zendesk is back, the one ticket gets every message once, in order, and the
 * takeover after them.
 */
@ExtendWith(BatonStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelpdeskOutageIT {
  private static final Duration OUTAGE = Duration.ofSeconds(60);
  /**
   * Half the api's turn deadline: a call held up by the helpdesk would wait for that deadline and
   * answer 503. A normal turn here takes a fraction of a second, more on a loaded machine.
   */
  private static final Duration ANSWERED_WITHIN = Duration.ofSeconds(10);
  private static final FakeZendesk.Faults DOWN = new FakeZendesk.Faults(1.0, 0, Duration.ZERO, Duration.ZERO);
  private static final List<String> QUEUES = List.of(Hours.DEFAULT, "general");

  private final BatonStack stack;
  private final ApiClient api;
  private final String run = UUID.randomUUID().toString().substring(0, 6);
  private FakeZendesk zendesk;

  HelpdeskOutageIT(BatonStack stack) {
    this.stack = stack;
    this.api = stack.api();
  }

  @BeforeAll
  void closeTheQueuesAndPointTheWorkerAtAFakeZendesk() {
    zendesk = FakeZendesk.forTheWorker(stack, api, QUEUES, Duration.ofSeconds(2));
  }

  @AfterAll
  void restoreTheStack() {
    zendesk.handBack(stack, api, QUEUES);
  }

  @Test
  void duringAnOutageEveryCallAnswersAtOnceAndTheTicketGetsEverythingOnceInOrder() {
    JsonNode started = api.startConversation("cust-outage-" + run, "standard", "I want to talk to a real person");
    assertThat(started.path("status").asText()).isEqualTo("CALLBACK_SCHEDULED");
    String id = started.path("conversationId").asText();
    String externalId = id + ":callback-ticket:1";
    assertThat(zendesk.ticketsWithExternalId(externalId)).hasSize(1);
    long ticket = zendesk.ticketsWithExternalId(externalId).get(0).id();

    zendesk.faults(DOWN);
    Instant down = Instant.now();
    int callsBefore = zendesk.stats().calls();
    List<String> written = new ArrayList<>();
    List<Duration> answered = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      String text = "Message " + i + " of " + run + ", written while the helpdesk is down";
      Instant sent = Instant.now();
      JsonNode reply = api.send(id, text, "outage-" + i);
      answered.add(Duration.between(sent, Instant.now()));
      assertThat(reply.path("replies").get(0).path("text").asText())
          .isEqualTo("Thanks, I've added this to ticket #" + ticket + ".");
      written.add(text);
    }
    String agent = "outage-agent-" + run;
    api.agentOnline(agent, List.of("general"), 3);
    Instant asked = Instant.now();
    JsonNode taken = api.post("/conversations/" + id + "/takeover", Map.of("agentId", agent)).expect(200);
    answered.add(Duration.between(asked, Instant.now()));
    assertThat(taken.path("conversation").path("status").asText()).isEqualTo("AGENT_ACTIVE");
    assertThat(answered).as("how long each call took while the helpdesk was down").allSatisfy(
        took -> assertThat(took).isLessThan(ANSWERED_WITHIN));

    Duration left = OUTAGE.minus(Duration.between(down, Instant.now()));
    if (!left.isNegative()) {
      ManagedProcess.sleep(left);
    }
    int failedCalls = zendesk.stats().calls() - callsBefore;
    zendesk.faults(FakeZendesk.Faults.NONE);
    Instant back = Instant.now();

    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> assertThat(bodies(externalId)).last().asString().contains("Taken over by ").contains("(" + agent + ") in Baton."));
    List<String> comments = bodies(externalId);
    String all = String.join("\n", comments);
    int at = -1;
    for (String text : written) {
      assertThat(all.indexOf(text)).as("where '%s' is in the ticket", text).isGreaterThan(at);
      assertThat(all.indexOf(text)).as("'%s' once", text).isEqualTo(all.lastIndexOf(text));
      at = all.indexOf(text);
    }
    assertThat(zendesk.ticketsWithExternalId(externalId)).as("tickets of the conversation").hasSize(1);
    System.out.printf(
        "Helpdesk outage: %d calls answered during %d s of outage, slowest %d ms; %d helpdesk calls failed meanwhile;"
            + " ticket complete %d ms after recovery with %d comments (the creation's, the messages', the takeover's)%n",
        answered.size(), OUTAGE.toSeconds(), answered.stream().mapToLong(Duration::toMillis).max().orElse(0),
        failedCalls, Duration.between(back, Instant.now()).toMillis(), comments.size());
  }

  private List<String> bodies(String externalId) {
    return zendesk.ticketsWithExternalId(externalId).get(0).comments().stream().map(FakeZendesk.Comment::body).toList();
  }
}
