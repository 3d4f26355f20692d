package dev.baton.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.agents.AgentRequests;
import dev.baton.agents.AgentSnapshot;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No half-applied transitions: when a look-up a handler needs fails after its retries, the
 * conversation is exactly as it was, the caller is told to try again, and the next call succeeds.
 * One test per handler that reads something it can fail on; the other handlers (open, takeover,
 * agent messages, release, resolve, close) read nothing that can fail their call: a transcript
 * write that fails is kept and written with the next one, and ticket work runs after the turn.
 */
class TransitionFailureWorkflowTest {
  private static final Customer ADA = new Customer("cust-1", "Ada", "ada@example.com", null, "en");

  @RegisterExtension
  static final TestWorkflowExtension temporal = Conversations.extension();

  private FakeTranscript transcript;
  private FakeHelpdesk helpdesk;
  private FakeAgents agents;
  private FakeHours hours;
  private Fakes fakes;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    fakes = new Fakes(env, worker, client);
    transcript = fakes.transcript;
    helpdesk = fakes.helpdesk;
    agents = fakes.agents;
    hours = fakes.hours;
  }

  @Test
  void aTurnWhoseEscalationFailsChangesNothingAndTheSameMessageThenGoesThrough() {
    ConversationWorkflow conversation = start("f-turn");
    conversation.sendMessage(new CustomerMessage("m1", "where is my order 12345678"));
    ConversationView before = conversation.state();
    int lines = transcript.messages().size();

    hours.down = true;
    assertUnavailable(() -> conversation.sendMessage(new CustomerMessage("m2", "I want a human")));

    assertThat(conversation.state()).isEqualTo(before);
    assertThat(transcript.messages()).hasSize(lines);
    hours.down = false;
    TurnResult retried = conversation.sendMessage(new CustomerMessage("m2", "I want a human"));
    assertThat(retried.status()).isEqualTo(ConversationStatus.AWAITING_AGENT);
    assertThat(transcript.messages()).filteredOn(m -> m.text().equals("I want a human")).hasSize(1);
    assertThat(conversation.state().turns()).isEqualTo(before.turns() + 1);
  }

  @Test
  void aHandoffWhoseAvailabilityCheckFailsLeavesTheBotInCharge() {
    ConversationWorkflow conversation = start("f-handoff");
    conversation.sendMessage(new CustomerMessage("m1", "where is my order 12345678"));
    ConversationView before = conversation.state();

    agents.down = true;
    assertUnavailable(() -> conversation.requestHandoff(new HandoffRequest(null)));

    assertThat(conversation.state()).isEqualTo(before);
    assertThat(transcript.statusChanges()).isEmpty();
    agents.down = false;
    assertThat(conversation.requestHandoff(new HandoffRequest(null)).status())
        .isEqualTo(ConversationStatus.AWAITING_AGENT);
  }

  @Test
  void aTransferWhoseQueueCannotBeReadKeepsTheAgentHolding() {
    ConversationWorkflow conversation = waiting("f-transfer");
    conversation.takeover(new AgentRequests.Takeover(alice()));
    ConversationView before = conversation.state();

    hours.down = true;
    assertUnavailable(() -> conversation.transfer(new AgentRequests.Transfer("alice", "billing", "over to you")));

    assertThat(conversation.state()).isEqualTo(before);
    assertThat(conversation.state().assignedAgent()).isEqualTo("alice");
    hours.down = false;
    ConversationView moved = conversation.transfer(new AgentRequests.Transfer("alice", "billing", "over to you"));
    assertThat(moved.status()).isEqualTo(ConversationStatus.AWAITING_AGENT);
    assertThat(moved.queue()).isEqualTo("billing");
    assertThat(moved.summary().agentNotes()).containsExactly("Alice: over to you");
  }

  @Test
  void aMessageForTheCallbackTicketThatCannotBeAnsweredIsNotAddedTwice() {
    agents.agentsFree = 0;
    ConversationWorkflow conversation = start("f-callback");
    conversation.sendMessage(new CustomerMessage("m1", "I want a human"));
    ConversationView before = conversation.state();
    assertThat(before.status()).isEqualTo(ConversationStatus.CALLBACK_SCHEDULED);

    hours.down = true;
    assertUnavailable(() -> conversation.sendMessage(new CustomerMessage("m2", "it is order 12345678")));
    assertThat(conversation.state()).isEqualTo(before);
    hours.down = false;
    conversation.sendMessage(new CustomerMessage("m2", "it is order 12345678"));

    fakes.env.sleep(Duration.ofSeconds(5));
    assertThat(helpdesk.comments).singleElement().satisfies(c -> assertThat(c.body()).contains("it is order 12345678"));
  }

  @Test
  void aPickupDeadlineWhoseLookUpFailsIsTriedAgainAndHappensOnce() {
    ConversationWorkflow conversation = waiting("f-sla");
    int priority = conversation.state().escalation().priority();

    agents.down = true;
    fakes.env.sleep(Duration.ofMinutes(2).plusSeconds(5));
    assertThat(conversation.state().escalation().priority()).as("undone while the look-up fails").isEqualTo(priority);
    assertThat(conversation.state().status()).isEqualTo(ConversationStatus.AWAITING_AGENT);

    agents.down = false;
    fakes.env.sleep(Duration.ofMinutes(1));
    assertThat(conversation.state().escalation().priority()).isEqualTo(priority + 1);
    assertThat(transcript.messages()).filteredOn(m -> m.text().startsWith("Taking longer than usual")).hasSize(1);
  }

  private ConversationWorkflow waiting(String id) {
    ConversationWorkflow conversation = start(id);
    conversation.sendMessage(new CustomerMessage("m1", "where is my order 12345678"));
    conversation.requestHandoff(new HandoffRequest(null));
    assertThat(conversation.state().status()).isEqualTo(ConversationStatus.AWAITING_AGENT);
    return conversation;
  }

  private ConversationWorkflow start(String id) {
    return fakes.start(id, ADA);
  }

  private static AgentSnapshot alice() {
    return new AgentSnapshot("alice", "Alice", "ONLINE", List.of("orders", "general", "billing"), 0, 3);
  }

  private static void assertUnavailable(Runnable call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            WorkflowUpdateException.class,
            e -> assertThat(ConversationFailures.rejection(e))
                .hasValueSatisfying(r -> assertThat(r.type()).isEqualTo(ConversationFailures.UNAVAILABLE)));
  }
}
