package dev.baton.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.agents.AgentRequests;
import dev.baton.agents.AgentSnapshot;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.client.WorkflowClient;
import io.temporal.common.SearchAttributes;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an operator reads of a conversation in the Temporal UI: the holder, priority, escalation
 * time and callback due time as search attributes, the current details (who holds it, the queue,
 * the next deadline and what happens then, the ticket and the promise), and a summary on every
 * activity and timer of its history, none of them carrying what the customer wrote.
 */
class OperatorViewWorkflowTest {
  private static final Customer ADA = new Customer("cust-1", "Ada", "ada@example.com", null, "en");

  @RegisterExtension
  static final TestWorkflowExtension temporal = Conversations.extension();

  private final ScriptedBot bot = new ScriptedBot();
  private final FakeHelpdesk helpdesk = new FakeHelpdesk();
  private final FakeHours hours = new FakeHours();
  private final FakeAgents agents = new FakeAgents(hours);
  private WorkflowClient client;
  private TestWorkflowEnvironment env;
  private String taskQueue;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    worker.registerActivitiesImplementations(
        bot, new FakeTranscript(), new FakeEscalations(), hours, helpdesk, agents);
    env.start();
    this.env = env;
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
  }

  @Test
  void aWaitingConversationShowsItsPriorityEscalationTimeAndTheNextDeadline() {
    ConversationWorkflow conversation = waiting("o-waiting");
    var escalation = conversation.state().escalation();

    SearchAttributes attributes = attributes("o-waiting");
    assertThat(attributes.get(BatonSearchAttributes.PRIORITY)).isEqualTo((long) escalation.priority());
    assertThat(attributes.get(BatonSearchAttributes.ESCALATED_AT).toInstant()).isEqualTo(escalation.at());
    assertThat(attributes.containsKey(BatonSearchAttributes.HOLDER)).isFalse();
    assertThat(details("o-waiting"))
        .contains("Held by nobody")
        .contains("Queue `orders`, priority " + escalation.priority())
        .contains("Next deadline")
        .contains("pickup SLA 2 minutes (orders)")
        .doesNotContain("Ada", "ada@example.com", "12345678");
  }

  @Test
  void takeoverSetsTheHolderAndReleasingUnsetsIt() {
    ConversationWorkflow conversation = waiting("o-held");

    conversation.takeover(new AgentRequests.Takeover(agent("alice")));
    assertThat(attributes("o-held").get(BatonSearchAttributes.HOLDER)).isEqualTo("alice");
    assertThat(details("o-held")).contains("Held by agent `alice`").contains("No deadline: waits for people");

    conversation.transfer(new AgentRequests.Transfer("alice", "billing", "Double charge"));
    assertThat(attributes("o-held").containsKey(BatonSearchAttributes.HOLDER)).isFalse();
    assertThat(details("o-held")).contains("Queue `billing`").doesNotContain("Double charge");
  }

  @Test
  void aCallbackShowsItsTicketAndWhenItIsDue() {
    agents.agentsFree = 0;
    ConversationWorkflow conversation = Conversations.start(client, taskQueue, "o-callback", ADA, ConversationSettings.DEFAULTS);

    conversation.sendMessage(new CustomerMessage("m1", "I want a human"));

    Callback callback = conversation.state().callback();
    assertThat(details("o-callback")).contains("Ticket #101");
    OffsetDateTime due = attributes("o-callback").get(BatonSearchAttributes.CALLBACK_DUE);
    if (callback.promisedBy() == null) {
      assertThat(due).isNull();
    } else {
      assertThat(due.toInstant()).isEqualTo(callback.promisedBy());
      assertThat(details("o-callback")).contains("contact promised by " + callback.promisedBy());
    }
  }

  @Test
  void everyActivityAndTimerInTheHistoryHasASummary() {
    waiting("o-story");
    env.sleep(Duration.ofMinutes(2).plusSeconds(5));

    List<String> summaries =
        client.fetchHistory(ConversationIds.workflowId("o-story")).getEvents().stream()
            .filter(OperatorViewWorkflowTest::schedulesWork)
            .map(e -> e.hasUserMetadata() ? text(e.getUserMetadata().getSummary()) : "(none) " + e.getEventType())
            .toList();

    assertThat(summaries)
        .doesNotContain("")
        .noneMatch(s -> s.startsWith("(none)"))
        .contains("bot turn", "check orders availability", "pickup SLA 2 minutes (orders)")
        .anyMatch(s -> s.startsWith("write transcript (") && s.contains("BOT_ACTIVE → AWAITING_AGENT"))
        .noneMatch(s -> s.contains("12345678") || s.contains("Ada"));
  }

  /**
   * Each search-attribute write costs the server a visibility update on the customer's turn, so
   * a plain bot turn writes none: the intent travels with the next status change (docs/performance.md).
   */
  @Test
  void aPlainBotTurnWritesNoSearchAttributeAndTheIntentComesWithTheHandoff() {
    bot.then(ScriptedBot.answer("track_order", 0.95, 0.0)).then(ScriptedBot.answer("refund_request", 0.95, 0.0));
    ConversationWorkflow conversation = Conversations.start(client, taskQueue, "o-lean", ADA, ConversationSettings.DEFAULTS);

    conversation.sendMessage(new CustomerMessage("m1", "where is my order 12345678"));
    conversation.sendMessage(new CustomerMessage("m2", "and how do refunds work"));

    assertThat(attributes("o-lean").containsKey(BatonSearchAttributes.INTENT)).isFalse();
    assertThat(details("o-lean")).contains("Intent: refund_request");
    List<HistoryEvent> events = client.fetchHistory(ConversationIds.workflowId("o-lean")).getEvents();
    assertThat(events).noneMatch(e -> e.getEventType() == io.temporal.api.enums.v1.EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES);

    conversation.requestHandoff(new HandoffRequest(null));

    assertThat(attributes("o-lean").get(BatonSearchAttributes.INTENT)).isEqualTo("refund_request");
    assertThat(attributes("o-lean").get(BatonSearchAttributes.STATUS)).isEqualTo("AWAITING_AGENT");
    // The escalation read the queue's hours and who is free in one local activity.
    List<String> lookups =
        client.fetchHistory(ConversationIds.workflowId("o-lean")).getEvents().stream()
            .filter(OperatorViewWorkflowTest::schedulesWork)
            .map(e -> e.hasUserMetadata() ? text(e.getUserMetadata().getSummary()) : "")
            .filter(summary -> summary.contains("opening hours") || summary.contains("availability"))
            .toList();
    assertThat(lookups).containsExactly("read billing opening hours and availability");
  }

  /** The intent written with the handoff stays on the conversation's next run. */
  @Test
  void theIntentSearchAttributeOutlivesContinueAsNew() throws InterruptedException {
    bot.then(ScriptedBot.answer("refund_request", 0.95, 0.0));
    ConversationSettings twoTurnsARun =
        new ConversationSettings(
            ConversationSettings.DEFAULTS.maxMessageLength(), ConversationSettings.DEFAULTS.idleTimeout(), 2);
    ConversationWorkflow conversation = Conversations.start(client, taskQueue, "o-carried", ADA, twoTurnsARun);
    conversation.sendMessage(new CustomerMessage("m1", "how do refunds work"));
    conversation.requestHandoff(new HandoffRequest(null));
    var stub = client.newUntypedWorkflowStub(ConversationIds.workflowId("o-carried"));
    String firstRun = stub.describe().getExecution().getRunId();

    conversation.takeover(new AgentRequests.Takeover(agent("alice")));
    conversation.sendMessage(new CustomerMessage("m2", "it was order 12345678"));

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (stub.describe().getExecution().getRunId().equals(firstRun) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(stub.describe().getExecution().getRunId()).isNotEqualTo(firstRun);
    assertThat(attributes("o-carried").get(BatonSearchAttributes.INTENT)).isEqualTo("refund_request");
    assertThat(attributes("o-carried").get(BatonSearchAttributes.HOLDER)).isEqualTo("alice");
  }

  private static boolean schedulesWork(HistoryEvent event) {
    return switch (event.getEventType()) {
      case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, EVENT_TYPE_TIMER_STARTED -> true;
      // Local activities are markers; so are version decisions, which are not work.
      case EVENT_TYPE_MARKER_RECORDED -> !event.getMarkerRecordedEventAttributes().getMarkerName().equals("Version");
      default -> false;
    };
  }

  private static String text(Payload payload) {
    return DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, String.class, String.class);
  }

  private ConversationWorkflow waiting(String id) {
    ConversationWorkflow conversation = Conversations.start(client, taskQueue, id, ADA, ConversationSettings.DEFAULTS);
    conversation.sendMessage(new CustomerMessage("m1", "where is my order 12345678"));
    conversation.requestHandoff(new HandoffRequest(null));
    assertThat(conversation.state().status()).isEqualTo(ConversationStatus.AWAITING_AGENT);
    return conversation;
  }

  private SearchAttributes attributes(String id) {
    return client.newUntypedWorkflowStub(ConversationIds.workflowId(id)).describe().getTypedSearchAttributes();
  }

  private String details(String id) {
    return client
        .newUntypedWorkflowStub(ConversationIds.workflowId(id))
        .query("__temporal_workflow_metadata", WorkflowMetadata.class)
        .getCurrentDetails();
  }

  private static AgentSnapshot agent(String id) {
    return new AgentSnapshot(id, "Alice", "ONLINE", List.of("orders", "general", "billing"), 0, 3);
  }
}
