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
 * A conversation is never stranded with a vanished holder: the requeue update puts it back in the
 * waiting list, first in line, with a note, and the waiting timers start again.
 */
class RequeueWorkflowTest {
  private static final Customer ADA = new Customer("cust-1", "Ada", "ada@example.com", null, "en");

  @RegisterExtension
  static final TestWorkflowExtension temporal = Conversations.extension();

  private final FakeTranscript transcript = new FakeTranscript();
  private final FakeAgents agents = new FakeAgents();
  private WorkflowClient client;
  private TestWorkflowEnvironment env;
  private String taskQueue;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    worker.registerActivitiesImplementations(
        new ScriptedBot(), transcript, new FakeEscalations(), new FakeHours(), new FakeHelpdesk(), agents);
    env.start();
    this.env = env;
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
  }

  @Test
  void aConversationWhoseHolderWentOfflineWaitsFirstInLineWithANote() {
    ConversationWorkflow conversation = heldByAlice("r-offline");
    int priority = conversation.state().escalation().priority();

    ConversationView back = conversation.requeue(new AgentRequests.Requeue("alice", "alice went offline"));

    assertThat(back.status()).isEqualTo(ConversationStatus.AWAITING_AGENT);
    assertThat(back.assignedAgent()).isNull();
    assertThat(back.queue()).isEqualTo("orders");
    assertThat(back.escalation().priority()).as("first in line").isGreaterThan(priority);
    assertThat(back.summary().agentNotes()).containsExactly("Returned to the queue: alice went offline");
    assertThat(transcript.messages()).last().satisfies(
        m -> assertThat(m.text()).isEqualTo("Alice had to step away. You're first in line for the next person, who will see everything so far."));
    assertThat(transcript.statusChanges()).last().satisfies(c -> {
      assertThat(c.from()).isEqualTo(ConversationStatus.AGENT_ACTIVE);
      assertThat(c.to()).isEqualTo(ConversationStatus.AWAITING_AGENT);
    });

    ConversationView bob = conversation.takeover(new AgentRequests.Takeover(agent("bob")));
    assertThat(bob.assignedAgent()).isEqualTo("bob");
  }

  @Test
  void theWaitingTimersStartAgainFromTheRequeue() {
    ConversationWorkflow conversation = heldByAlice("r-timers");
    env.sleep(Duration.ofMinutes(30));

    conversation.requeue(new AgentRequests.Requeue(null, "reassigned by sam"));
    env.sleep(Duration.ofMinutes(1));
    assertThat(conversation.state().status()).as("within the pickup SLA").isEqualTo(ConversationStatus.AWAITING_AGENT);
    assertThat(transcript.messages()).last().satisfies(m -> assertThat(m.text()).startsWith("Alice had to step away."));

    env.sleep(Duration.ofMinutes(10));
    assertThat(conversation.state().status()).as("the longest wait, counted from the requeue").isEqualTo(ConversationStatus.CALLBACK_SCHEDULED);
  }

  @Test
  void aLateRequeueForAnEarlierHolderChangesNothing() {
    ConversationWorkflow conversation = heldByAlice("r-late");
    conversation.requeue(new AgentRequests.Requeue("alice", "alice went offline"));
    conversation.takeover(new AgentRequests.Takeover(agent("bob")));

    assertRejected(() -> conversation.requeue(new AgentRequests.Requeue("alice", "alice went offline")), "bob");
    assertThat(conversation.state().assignedAgent()).isEqualTo("bob");
  }

  @Test
  void aConversationNobodyHoldsCannotBeRequeued() {
    ConversationWorkflow conversation = Conversations.start(client, taskQueue, "r-nobody", ADA, ConversationSettings.DEFAULTS);
    conversation.sendMessage(new CustomerMessage("m1", "where is my order 12345678"));

    assertRejected(() -> conversation.requeue(new AgentRequests.Requeue(null, "reassigned")), "nobody");
    assertThat(conversation.state().status()).isEqualTo(ConversationStatus.BOT_ACTIVE);
  }

  private ConversationWorkflow heldByAlice(String id) {
    ConversationWorkflow conversation = Conversations.start(client, taskQueue, id, ADA, ConversationSettings.DEFAULTS);
    conversation.sendMessage(new CustomerMessage("m1", "where is my order 12345678"));
    conversation.requestHandoff(new HandoffRequest(null));
    conversation.takeover(new AgentRequests.Takeover(agent("alice")));
    assertThat(conversation.state().status()).isEqualTo(ConversationStatus.AGENT_ACTIVE);
    return conversation;
  }

  private static AgentSnapshot agent(String id) {
    return new AgentSnapshot(id, Character.toUpperCase(id.charAt(0)) + id.substring(1), "ONLINE", List.of("orders", "general"), 0, 3);
  }

  private static void assertRejected(Runnable call, String subject) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            WorkflowUpdateException.class,
            e -> assertThat(ConversationFailures.rejection(e))
                .hasValueSatisfying(r -> {
                  assertThat(r.type()).isEqualTo(ConversationFailures.NOT_HOLDER);
                  assertThat(r.subject()).isEqualTo(subject);
                }));
  }
}
