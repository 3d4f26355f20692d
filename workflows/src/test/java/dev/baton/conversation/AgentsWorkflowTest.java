package dev.baton.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.baton.agents.AgentRequests;
import dev.baton.agents.AgentSnapshot;
import dev.baton.helpdesk.TicketStatus;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
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
 * The human side of a handoff: nobody is promised a person who is not there, exactly one agent
 * takes a conversation, the bot falls silent, and the waiting timers have named outcomes.
 */
class AgentsWorkflowTest {
  private static final Customer ADA = new Customer("cust-1", "Ada", "ada@example.com", null, "en");

  @RegisterExtension
  static final TestWorkflowExtension temporal = Conversations.extension();

  private final ScriptedBot bot = new ScriptedBot();
  private final FakeTranscript transcript = new FakeTranscript();
  private final FakeHelpdesk helpdesk = new FakeHelpdesk();
  private final FakeHours hours = new FakeHours();
  private final FakeAgents agents = new FakeAgents(hours);
  private WorkflowClient client;
  private TestWorkflowEnvironment env;
  private String taskQueue;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    worker.registerActivitiesImplementations(bot, transcript, new FakeEscalations(), hours, helpdesk, agents);
    env.start();
    this.env = env;
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
  }

  @Test
  void twoAgentsRacingForAConversationOneGetsItAndTheOtherIsToldWho() {
    ConversationWorkflow conversation = waiting("a-race");

    ConversationView taken = conversation.takeover(takeover(agent("alice")));

    assertThat(taken.status()).isEqualTo(ConversationStatus.AGENT_ACTIVE);
    assertThat(taken.assignedAgent()).isEqualTo("alice");
    assertRejected(() -> conversation.takeover(takeover(agent("bob"))), ConversationFailures.NOT_WAITING, "alice");
    assertThat(updatesAccepted("a-race", "takeover")).as("the loser leaves no trace in history").isEqualTo(1);
    assertThat(transcript.messages()).last().satisfies(m -> assertThat(m.text()).isEqualTo("Alice has joined the conversation."));
  }

  @Test
  void staffNotesGoOnTheSummaryAndNeverIntoTheConversation() {
    ConversationWorkflow conversation = heldByAlice("a-note");
    int lines = transcript.messages().size();

    ConversationView noted = conversation.addNote(new AgentRequests.AgentNote("alice", "  asked for the invoice by email  "));
    conversation.addNote(new AgentRequests.AgentNote("sam", "checked: a known courier delay"));

    assertThat(noted.summary().agentNotes()).last().isEqualTo("alice: asked for the invoice by email");
    assertThat(conversation.state().summary().agentNotes())
        .endsWith("alice: asked for the invoice by email", "sam: checked: a known courier delay");
    assertThat(conversation.state().status()).as("a note moves nothing").isEqualTo(ConversationStatus.AGENT_ACTIVE);
    assertThat(transcript.messages()).as("nothing said to the customer").hasSize(lines);
    assertRejected(() -> conversation.addNote(new AgentRequests.AgentNote("alice", "  ")), ConversationFailures.INVALID_MESSAGE, "note");

    ConversationWorkflow withTheBot = start("a-note-bot");
    withTheBot.sendMessage(new CustomerMessage("m1", "where is my order 12345678"));
    assertRejected(() -> withTheBot.addNote(new AgentRequests.AgentNote("sam", "looks fine")), ConversationFailures.INVALID_MESSAGE, "note");
  }

  @Test
  void anAgentWhoIsAwayOnAnotherQueueOrFullCannotTakeIt() {
    ConversationWorkflow conversation = waiting("a-refused");

    assertRejected(() -> conversation.takeover(takeover(new AgentSnapshot("al", "Al", "AWAY", List.of("orders"), 0, 3))), ConversationFailures.AGENT_UNAVAILABLE, "al");
    assertRejected(() -> conversation.takeover(takeover(new AgentSnapshot("al", "Al", "ONLINE", List.of("billing"), 0, 3))), ConversationFailures.AGENT_UNAVAILABLE, "al");
    assertRejected(() -> conversation.takeover(takeover(new AgentSnapshot("al", "Al", "ONLINE", List.of("orders"), 3, 3))), ConversationFailures.AGENT_UNAVAILABLE, "al");
    assertThat(conversation.state().status()).isEqualTo(ConversationStatus.AWAITING_AGENT);
    assertThat(updatesAccepted("a-refused", "takeover")).isZero();
  }

  @Test
  void afterTakeoverTheBotIsSilentAndMessagesFlowBetweenCustomerAndAgent() {
    ConversationWorkflow conversation = waiting("a-relay");
    conversation.takeover(takeover(agent("alice")));
    int botTurns = bot.requests.size();

    TurnResult customer = conversation.sendMessage(new CustomerMessage("m9", "are you a real person?"));
    TurnResult reply = conversation.agentMessage(new AgentRequests.AgentMessage("alice", "a-1", "Yes, I'm Alice. Let me check your order."));
    TurnResult retried = conversation.agentMessage(new AgentRequests.AgentMessage("alice", "a-1", "Yes, I'm Alice. Let me check your order."));

    assertThat(customer.replies()).isEmpty();
    assertThat(bot.requests).hasSize(botTurns);
    assertThat(reply.replies()).singleElement().satisfies(m -> {
      assertThat(m.author()).isEqualTo(Author.AGENT);
      assertThat(m.agentId()).isEqualTo("alice");
    });
    assertThat(retried).isEqualTo(reply);
    assertThat(transcript.messages()).filteredOn(m -> m.author() == Author.AGENT).hasSize(1);
    assertRejected(
        () -> conversation.agentMessage(new AgentRequests.AgentMessage("bob", "b-1", "Hi, I'm Bob")),
        ConversationFailures.NOT_HOLDER,
        "alice");
  }

  @Test
  void nobodyOnlineMeansACallbackTicketNotAPromiseOfAPerson() {
    agents.agentsFree = 0;
    ConversationWorkflow conversation = start("a-nobody");

    TurnResult asked = conversation.sendMessage(new CustomerMessage("m1", "I want a human"));

    assertThat(asked.status()).isEqualTo(ConversationStatus.CALLBACK_SCHEDULED);
    assertThat(asked.replies()).noneMatch(m -> m.text().contains("bringing in a person"));
    assertThat(asked.replies().get(asked.replies().size() - 1).text()).startsWith("Nobody from orders is free. Ticket #101");
    assertThat(helpdesk.tickets).hasSize(1);
  }

  @Test
  void missingThePickupSlaRaisesThePriorityAndMaxWaitBecomesACallback() {
    agents.position = 3;
    agents.estimatedWait = Duration.ofMinutes(4);
    ConversationWorkflow conversation = waiting("a-timers");
    int priority = conversation.state().escalation().priority();

    env.sleep(Duration.ofMinutes(2).plusSeconds(5));
    ConversationView late = conversation.state();
    assertThat(late.status()).isEqualTo(ConversationStatus.AWAITING_AGENT);
    assertThat(late.escalation().priority()).isEqualTo(priority + 1);
    assertThat(transcript.messages()).last().satisfies(m -> assertThat(m.text()).isEqualTo("Taking longer than usual: number 3 in line, about 4 minutes."));

    env.sleep(Duration.ofMinutes(8));
    ConversationView gaveUp = conversation.state();
    assertThat(gaveUp.status()).isEqualTo(ConversationStatus.CALLBACK_SCHEDULED);
    assertThat(gaveUp.callback().ticketReference()).isEqualTo("#101");
    assertThat(transcript.messages()).last().satisfies(m -> assertThat(m.text()).startsWith("Nobody from orders picked this up in time. Ticket #101"));
  }

  @Test
  void aTransferGoesBackToWaitingInTheOtherQueueWithTheNote() {
    ConversationWorkflow conversation = waiting("a-transfer");
    conversation.takeover(takeover(agent("alice")));

    ConversationView moved = conversation.transfer(new AgentRequests.Transfer("alice", "billing", "Double charge, see the statement"));

    assertThat(moved.status()).isEqualTo(ConversationStatus.AWAITING_AGENT);
    assertThat(moved.queue()).isEqualTo("billing");
    assertThat(moved.assignedAgent()).isNull();
    assertThat(moved.summary().agentNotes()).containsExactly("Alice: Double charge, see the statement");
    ConversationView billing = conversation.takeover(takeover(new AgentSnapshot("bea", "Bea", "ONLINE", List.of("billing"), 0, 2)));
    assertThat(billing.assignedAgent()).isEqualTo("bea");
  }

  @Test
  void handedBackTheBotAnswersAgainWithTheAgentsNote() {
    ConversationWorkflow conversation = waiting("a-release");
    conversation.takeover(takeover(agent("alice")));

    ConversationView back = conversation.release(new AgentRequests.AgentNote("alice", "Refund issued; tracking questions only now"));
    TurnResult next = conversation.sendMessage(new CustomerMessage("m9", "where is my order 12345678"));

    assertThat(back.status()).isEqualTo(ConversationStatus.BOT_ACTIVE);
    assertThat(transcript.messages()).anySatisfy(m -> assertThat(m.text()).startsWith("Alice has handed this conversation back to me"));
    assertThat(next.replies()).singleElement().satisfies(m -> assertThat(m.author()).isEqualTo(Author.BOT));
    assertThat(bot.requests.get(bot.requests.size() - 1).agentNote()).isEqualTo("Refund issued; tracking questions only now");
  }

  @Test
  void resolvingEndsTheConversation() {
    ConversationWorkflow conversation = waiting("a-resolve");
    conversation.takeover(takeover(agent("alice")));

    ConversationView done = conversation.resolve(new AgentRequests.AgentNote("alice", "Sent a new parcel"));
    WorkflowStub.fromTyped(conversation).getResult(Void.class);

    assertThat(done.status()).isEqualTo(ConversationStatus.RESOLVED);
    assertThat(transcript.statusChanges()).last().satisfies(c -> assertThat(c.to()).isEqualTo(ConversationStatus.RESOLVED));
  }

  @Test
  void aCallbackTakenOverUpdatesItsTicket() {
    agents.agentsFree = 0;
    ConversationWorkflow conversation = start("a-callback-taken");
    conversation.sendMessage(new CustomerMessage("m1", "I want a human"));

    conversation.takeover(takeover(agent("alice")));

    assertThat(conversation.state().status()).isEqualTo(ConversationStatus.AGENT_ACTIVE);
    // Ticket work is sent off the turn (TicketSync), so it may land just after the takeover answers.
    await().untilAsserted(
        () -> assertThat(helpdesk.updates).singleElement().satisfies(u -> assertThat(u.status()).isEqualTo(TicketStatus.OPEN)));
  }

  // A conversation is never stranded with a vanished holder: the requeue update puts it back in
  // the waiting list, first in line, with a note, and the waiting timers start again.

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

    ConversationView bob = conversation.takeover(takeover(agent("bob")));
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
    conversation.takeover(takeover(agent("bob")));

    assertRejected(() -> conversation.requeue(new AgentRequests.Requeue("alice", "alice went offline")), ConversationFailures.NOT_HOLDER, "bob");
    assertThat(conversation.state().assignedAgent()).isEqualTo("bob");
  }

  @Test
  void aConversationNobodyHoldsCannotBeRequeued() {
    ConversationWorkflow conversation = start("r-nobody");
    conversation.sendMessage(new CustomerMessage("m1", "where is my order 12345678"));

    assertRejected(() -> conversation.requeue(new AgentRequests.Requeue(null, "reassigned")), ConversationFailures.NOT_HOLDER, "nobody");
    assertThat(conversation.state().status()).isEqualTo(ConversationStatus.BOT_ACTIVE);
  }

  /** Held by Alice: escalated, then taken over. */
  private ConversationWorkflow heldByAlice(String id) {
    ConversationWorkflow conversation = waiting(id);
    conversation.takeover(takeover(agent("alice")));
    assertThat(conversation.state().status()).isEqualTo(ConversationStatus.AGENT_ACTIVE);
    return conversation;
  }

  private ConversationWorkflow waiting(String id) {
    ConversationWorkflow conversation = start(id);
    conversation.sendMessage(new CustomerMessage("m1", "where is my order 12345678"));
    conversation.requestHandoff(new HandoffRequest(null));
    assertThat(conversation.state().status()).isEqualTo(ConversationStatus.AWAITING_AGENT);
    return conversation;
  }

  private static AgentSnapshot agent(String id) {
    return new AgentSnapshot(id, Character.toUpperCase(id.charAt(0)) + id.substring(1), "ONLINE", List.of("orders", "general"), 0, 3);
  }

  private static AgentRequests.Takeover takeover(AgentSnapshot agent) {
    return new AgentRequests.Takeover(agent);
  }

  private long updatesAccepted(String id, String name) {
    return client.fetchHistory(ConversationIds.workflowId(id)).getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)
        .filter(e -> e.getWorkflowExecutionUpdateAcceptedEventAttributes().getAcceptedRequest().getInput().getName().equals(name))
        .count();
  }

  private ConversationWorkflow start(String id) {
    return Conversations.start(client, taskQueue, id, ADA, ConversationSettings.DEFAULTS);
  }

  private static void assertRejected(Runnable call, String type, String subject) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            WorkflowUpdateException.class,
            e -> assertThat(ConversationFailures.rejection(e))
                .hasValueSatisfying(r -> {
                  assertThat(r.type()).isEqualTo(type);
                  assertThat(r.subject()).isEqualTo(subject);
                }));
  }
}
