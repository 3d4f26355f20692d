package dev.baton.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.agents.AgentRequests;
import dev.baton.agents.AgentSnapshot;
import dev.baton.helpdesk.NewTicket;
import dev.baton.helpdesk.TicketStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The after-hours path with time skipping: a customer asks for a person on Friday evening, when
 * the team (Monday to Friday, 09:00 to 17:00 in Berlin) has gone home. They get a ticket and a
 * concrete promise; the conversation sleeps through the weekend on a durable timer and is first
 * in line when the queue opens on Monday.
 */
class AfterHoursWorkflowTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  /** Friday 27 November 2026, 18:00 in Berlin. */
  private static final Instant FRIDAY_EVENING = ZonedDateTime.of(2026, 11, 27, 18, 0, 0, 0, BERLIN).toInstant();
  private static final Instant MONDAY_OPENING = ZonedDateTime.of(2026, 11, 30, 9, 0, 0, 0, BERLIN).toInstant();
  private static final Customer ADA = new Customer("cust-1", "Ada", "ada@example.com", null, "en");

  @RegisterExtension
  static final TestWorkflowExtension temporal = Conversations.extensionAt(FRIDAY_EVENING);

  private final ScriptedBot bot = new ScriptedBot();
  private final FakeTranscript transcript = new FakeTranscript();
  private final FakeHours hours = new FakeHours().officeHours("Europe/Berlin");
  private final FakeHelpdesk helpdesk = new FakeHelpdesk();
  private WorkflowClient client;
  private TestWorkflowEnvironment env;
  private String taskQueue;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    worker.registerActivitiesImplementations(bot, transcript, new FakeEscalations(), hours, helpdesk, new FakeAgents(hours));
    env.start();
    this.env = env;
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
  }

  @Test
  void aFridayEveningEscalationGetsATicketAPromiseAndIsFirstInLineOnMonday() {
    ConversationWorkflow conversation = start("ah-weekend", ADA);
    conversation.sendMessage(message("m1", "where is my order 12345678"));

    TurnResult asked = conversation.sendMessage(message("m2", "I want to talk to a real person"));

    assertThat(asked.status()).isEqualTo(ConversationStatus.CALLBACK_SCHEDULED);
    String promise = asked.replies().get(asked.replies().size() - 1).text();
    assertThat(promise)
        .isEqualTo("Our orders team is offline. Ticket #101; someone will contact you by 09:30 Monday (Europe/Berlin).");
    assertThat(helpdesk.tickets).hasSize(1);
    NewTicket ticket = helpdesk.tickets.get("101");
    assertThat(ticket.summary().primaryIssue()).contains("where is my order 12345678");
    assertThat(ticket.promisedBy()).isEqualTo(MONDAY_OPENING.plus(Duration.ofMinutes(30)));
    assertThat(ticket.idempotencyKey()).isEqualTo("ah-weekend:callback-ticket:1");
    Callback callback = conversation.state().callback();
    assertThat(callback.ticketReference()).isEqualTo("#101");
    assertThat(callback.opensAt()).isEqualTo(MONDAY_OPENING);

    env.sleep(Duration.ofHours(20));
    TurnResult saturday = conversation.sendMessage(message("m3", "any news?"));
    assertThat(saturday.replies()).singleElement().satisfies(m -> assertThat(m.text()).isEqualTo("Added to ticket #101."));
    // Ticket work runs after the turn, off the turn lock.
    await().untilAsserted(
        () -> assertThat(helpdesk.comments).singleElement().satisfies(c -> assertThat(c.body()).contains("any news?")));
    assertThat(bot.requests).as("the bot stays silent all weekend").hasSize(2);

    env.sleep(Duration.between(FRIDAY_EVENING.plus(Duration.ofHours(20)), MONDAY_OPENING).minusMinutes(1));
    assertThat(conversation.state().status()).isEqualTo(ConversationStatus.CALLBACK_SCHEDULED);
    env.sleep(Duration.ofMinutes(2));

    assertThat(conversation.state().status()).isEqualTo(ConversationStatus.AWAITING_AGENT);
    await().untilAsserted(
        () -> assertThat(helpdesk.updates).singleElement().satisfies(u -> assertThat(u.status()).isEqualTo(TicketStatus.OPEN)));
    assertThat(transcript.messages()).last().satisfies(m -> assertThat(m.text()).contains("first in line"));
    assertThat(conversation.state().escalation().priority())
        .as("no pickup-SLA bump yet: the clock started at the opening")
        .isEqualTo(2);
    assertThat(transcript.statusChanges())
        .extracting(TranscriptEntry.StatusChange::to)
        .containsExactly(ConversationStatus.CALLBACK_SCHEDULED, ConversationStatus.AWAITING_AGENT);
    assertThat(transcript.statusChanges().get(1).at())
        .as("the queue opening, to the second")
        .isBetween(MONDAY_OPENING, MONDAY_OPENING.plusSeconds(1));

    env.sleep(Duration.ofMinutes(1));
    ConversationView picked =
        conversation.takeover(
            new AgentRequests.Takeover(new AgentSnapshot("alice", "Alice", "ONLINE", List.of("orders"), 0, 3)));
    assertThat(picked.status()).isEqualTo(ConversationStatus.AGENT_ACTIVE);
    assertThat(picked.summary().primaryIssue()).contains("where is my order 12345678");
    await().untilAsserted(
        () -> assertThat(helpdesk.updates).hasSize(2).last().satisfies(u -> assertThat(u.note()).contains("Alice")));
    assertThat(transcript.messages()).last().satisfies(m -> assertThat(m.text()).isEqualTo("Alice has joined the conversation."));
  }

  @Test
  void thePromiseIsInTheCustomersOwnTimeWhenTheFrontEndGaveIt() {
    Customer inNewYork = new Customer("cust-2", "Grace", null, null, "en", "America/New_York");
    ConversationWorkflow conversation = start("ah-new-york", inNewYork);

    TurnResult asked = conversation.sendMessage(message("m1", "I want a human"));

    assertThat(asked.replies().get(asked.replies().size() - 1).text())
        .endsWith("by 03:30 Monday (America/New_York).");
  }

  @Test
  void aFlakyHelpdeskStillGivesExactlyOneTicketAndOnePromise() {
    helpdesk.transientFailures = 3;
    ConversationWorkflow conversation = start("ah-flaky", ADA);

    TurnResult asked = conversation.sendMessage(message("m1", "I want a human"));
    // The retries take longer than the turn waits: the promise goes out, the ticket follows.
    assertThat(asked.replies()).filteredOn(m -> m.author() == Author.BOT).singleElement()
        .satisfies(m -> assertThat(m.text()).contains("A ticket is on its way"));
    env.sleep(Duration.ofSeconds(30));

    assertThat(helpdesk.calls.get()).isEqualTo(4);
    assertThat(helpdesk.tickets).hasSize(1);
    assertThat(conversation.sendMessage(message("m2", "thanks")).replies())
        .singleElement().satisfies(m -> assertThat(m.text()).isEqualTo("Added to ticket #101."));
  }

  @Test
  void aHelpdeskThatRefusesTheTicketIsNotedAndTheCustomerToldTheTruth() {
    helpdesk.reject = true;
    ConversationWorkflow conversation = start("ah-refused", ADA);

    TurnResult asked = conversation.sendMessage(message("m1", "I want a human"));

    assertThat(helpdesk.calls.get()).as("a rejection is not retried").isEqualTo(1);
    assertThat(asked.status()).isEqualTo(ConversationStatus.CALLBACK_SCHEDULED);
    assertThat(asked.replies()).anySatisfy(m -> assertThat(m.text()).startsWith("WORKFLOW_EXCEPTION"));
    assertThat(asked.replies().get(asked.replies().size() - 1).text())
        .isEqualTo("Our orders team is offline and no ticket could be filed; someone will contact you by 09:30 Monday (Europe/Berlin).");
    helpdesk.reject = false;
    env.sleep(Duration.between(FRIDAY_EVENING, MONDAY_OPENING).plusMinutes(1));
    assertThat(conversation.state().status()).isEqualTo(ConversationStatus.AWAITING_AGENT);
    assertThat(helpdesk.updates).as("there is no ticket to update").isEmpty();
  }

  @Test
  void withinOpeningHoursNoTicketIsFiled() {
    env.sleep(Duration.between(FRIDAY_EVENING, MONDAY_OPENING).plusHours(1));
    ConversationWorkflow conversation = start("ah-open", ADA);

    TurnResult asked = conversation.sendMessage(message("m1", "I want a human"));

    assertThat(asked.status()).isEqualTo(ConversationStatus.AWAITING_AGENT);
    assertThat(helpdesk.tickets).isEmpty();
  }

  private ConversationWorkflow start(String id, Customer customer) {
    return Conversations.start(client, taskQueue, id, customer, ConversationSettings.DEFAULTS);
  }

  private static CustomerMessage message(String id, String text) {
    return new CustomerMessage(id, text);
  }
}
