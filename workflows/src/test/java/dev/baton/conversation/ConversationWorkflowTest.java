package dev.baton.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.history.v1.HistoryEvent;
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

class ConversationWorkflowTest {
  private static final Customer ADA = new Customer("cust-1", "Ada", "ada@example.com", "vip", "en");

  @RegisterExtension
  static final TestWorkflowExtension temporal = Conversations.extension();

  private final FakeBot bot = new FakeBot();
  private final FakeTranscript transcript = new FakeTranscript();
  private WorkflowClient client;
  private TestWorkflowEnvironment env;
  private String taskQueue;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    FakeHours hours = new FakeHours();
    worker.registerActivitiesImplementations(bot, transcript, new FakeEscalations(), hours, new FakeHelpdesk(), new FakeAgents(hours));
    env.start();
    this.env = env;
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
  }

  @Test
  void answersEachMessageAndKeepsTheTranscriptInOrder() {
    ConversationWorkflow conversation = start("c-turns", ConversationSettings.DEFAULTS);

    TurnResult first = conversation.sendMessage(new CustomerMessage("m1", "where is my order?"));
    TurnResult second = conversation.sendMessage(new CustomerMessage("m2", "it was 12345678"));

    assertThat(first.status()).isEqualTo(ConversationStatus.BOT_ACTIVE);
    assertThat(first.replies()).extracting(Message::text).containsExactly("You said: where is my order?");
    assertThat(second.replies()).extracting(Message::seq).containsExactly(4L);
    assertThat(transcript.messages())
        .extracting(Message::seq, Message::author)
        .containsExactly(
            tuple(1L, Author.CUSTOMER), tuple(2L, Author.BOT),
            tuple(3L, Author.CUSTOMER), tuple(4L, Author.BOT));
    ConversationView state = conversation.state();
    assertThat(state.turns()).isEqualTo(2);
    assertThat(state.intent()).isEqualTo("echo");
    assertThat(bot.requests.get(1).previousIntent()).isEqualTo("echo");
  }

  @Test
  void retriedMessageReturnsTheFirstAnswerWithoutAnotherTurn() {
    ConversationWorkflow conversation = start("c-dedupe", ConversationSettings.DEFAULTS);

    TurnResult first = conversation.sendMessage(new CustomerMessage("m1", "hello"));
    TurnResult retry = conversation.sendMessage(new CustomerMessage("m1", "hello"));

    assertThat(retry).isEqualTo(first);
    assertThat(bot.requests).hasSize(1);
    assertThat(transcript.messages()).hasSize(2);
  }

  @Test
  void greetsWhenOpenedWithoutAMessage() {
    ConversationWorkflow conversation = start("c-open", ConversationSettings.DEFAULTS);

    TurnResult opened = conversation.open();

    assertThat(opened.replies()).singleElement().satisfies(m -> {
      assertThat(m.author()).isEqualTo(Author.BOT);
      assertThat(m.text()).startsWith("Hi Ada!");
    });
    assertThat(conversation.open()).isEqualTo(opened);
    assertThat(bot.requests).isEmpty();
  }

  @Test
  void rejectsEmptyAndOversizedMessagesWithoutWritingHistory() {
    ConversationWorkflow conversation =
        start("c-validate", new ConversationSettings(10, Duration.ofMinutes(15), 500));
    conversation.sendMessage(new CustomerMessage("m1", "hello"));

    assertRejected(() -> conversation.sendMessage(new CustomerMessage("m2", "  ")), "InvalidMessage");
    assertRejected(
        () -> conversation.sendMessage(new CustomerMessage("m3", "far more than ten characters")),
        "InvalidMessage");

    // Only the valid message was accepted into history. (The in-memory server still logs a
    // workflow task for each rejection; the real server drops those speculative tasks.)
    assertThat(history("c-validate"))
        .filteredOn(HistoryEvent::hasWorkflowExecutionUpdateAcceptedEventAttributes)
        .hasSize(1);
    assertThat(bot.requests).hasSize(1);
  }

  @Test
  void refusesMessagesPastTheConversationsCapButAnswersRetries() {
    ConversationWorkflow conversation =
        start("c-cap", new ConversationSettings(4000, Duration.ofMinutes(15), 500, 1000, 2));
    conversation.sendMessage(new CustomerMessage("m1", "hello"));
    TurnResult second = conversation.sendMessage(new CustomerMessage("m2", "where is my order?"));

    assertThatThrownBy(() -> conversation.sendMessage(new CustomerMessage("m3", "one more")))
        .isInstanceOfSatisfying(
            WorkflowUpdateException.class,
            e -> assertThat(ConversationFailures.rejection(e))
                .hasValueSatisfying(r -> {
                  assertThat(r.type()).isEqualTo(ConversationFailures.MESSAGE_LIMIT);
                  assertThat(r.subject()).isEqualTo("2");
                }));
    assertThat(conversation.sendMessage(new CustomerMessage("m2", "where is my order?")))
        .as("a retry of a message it took is answered as the first time")
        .isEqualTo(second);
    assertThat(bot.requests).hasSize(2);
    // m1, m2 and the retry of m2 (answered from memory); the refused message never entered.
    assertThat(history("c-cap"))
        .filteredOn(HistoryEvent::hasWorkflowExecutionUpdateAcceptedEventAttributes)
        .hasSize(3);
  }

  @Test
  void refusesTextNoStoreAcceptsInEveryFieldWithoutWritingHistory() {
    ConversationWorkflow conversation = start("c-control", ConversationSettings.DEFAULTS);
    conversation.sendMessage(new CustomerMessage("m1", "hello"));

    assertRejected(() -> conversation.sendMessage(new CustomerMessage("m2", "x\u0000")), "InvalidMessage");
    assertRejected(() -> conversation.sendMessage(new CustomerMessage("m3", "bell \u0007")), "InvalidMessage");
    assertRejected(() -> conversation.sendMessage(new CustomerMessage("m4", "half \ud83d pair")), "InvalidMessage");
    assertRejected(() -> conversation.requestHandoff(new HandoffRequest("note\u0000")), "InvalidMessage");
    assertRejected(() -> conversation.close(new CloseRequest("x".repeat(2001))), "InvalidMessage");

    TurnResult next = conversation.sendMessage(new CustomerMessage("m5", "tabs\tand\nnew lines \ud83d\ude00 are fine"));
    assertThat(next.status()).isEqualTo(ConversationStatus.BOT_ACTIVE);
    assertThat(history("c-control"))
        .filteredOn(HistoryEvent::hasWorkflowExecutionUpdateAcceptedEventAttributes)
        .hasSize(2);
  }

  @Test
  void aFloodOfCallsHandsOverToAFreshRunBeforeTemporalsCap() {
    // Ten calls per run here; the default is 1,000 of Temporal's 2,000.
    ConversationWorkflow conversation =
        start("c-flood", new ConversationSettings(4000, Duration.ofMinutes(15), 500, 10));
    conversation.sendMessage(new CustomerMessage("m1", "hello"));
    String firstRun = WorkflowStub.fromTyped(conversation).getExecution().getRunId();

    ConversationWorkflow current = client.newWorkflowStub(ConversationWorkflow.class, ConversationIds.workflowId("c-flood"));
    int busy = 0;
    for (int i = 0; i < 30; i++) {
      try {
        current.requestHandoff(new HandoffRequest(null));
      } catch (WorkflowUpdateException e) {
        assertThat(ConversationFailures.rejection(e)).hasValueSatisfying(r -> assertThat(r.type()).isEqualTo("Busy"));
        busy++;
      }
    }

    String latestRun = client.newUntypedWorkflowStub(ConversationIds.workflowId("c-flood")).getExecution().getRunId();
    assertThat(latestRun).isNotEqualTo(firstRun);
    assertThat(client.fetchHistory(ConversationIds.workflowId("c-flood"), firstRun).getEvents())
        .filteredOn(HistoryEvent::hasWorkflowExecutionUpdateAcceptedEventAttributes)
        .hasSizeLessThanOrEqualTo(10);
    assertThat(busy).isLessThan(30);
    assertThat(current.sendMessage(new CustomerMessage("m2", "still here")).status()).isIn(ConversationStatus.AWAITING_AGENT, ConversationStatus.CALLBACK_SCHEDULED, ConversationStatus.BOT_ACTIVE);
  }

  @Test
  void closedConversationRejectsMessagesButStillAnswersRetries() {
    ConversationWorkflow conversation = start("c-closed", ConversationSettings.DEFAULTS);
    TurnResult first = conversation.sendMessage(new CustomerMessage("m1", "hello"));
    WorkflowStub stub = WorkflowStub.fromTyped(conversation);

    // Sent while the workflow is still running its final task: the validator must reject it.
    ConversationView closed = conversation.close(new CloseRequest(null));
    assertThat(closed.status()).isEqualTo(ConversationStatus.CLOSED);
    stub.getResult(Void.class);

    assertThat(transcript.statusChanges())
        .singleElement()
        .satisfies(c -> {
          assertThat(c.from()).isEqualTo(ConversationStatus.BOT_ACTIVE);
          assertThat(c.to()).isEqualTo(ConversationStatus.CLOSED);
        });
    assertThat(transcript.messages()).last().extracting(Message::author).isEqualTo(Author.SYSTEM);
    assertThat(first.replies()).hasSize(1);
  }

  @Test
  void messageAfterTheEndIsRefusedAndRunsNoTurn() {
    ConversationWorkflow conversation = start("c-after-end", ConversationSettings.DEFAULTS);
    conversation.sendMessage(new CustomerMessage("m1", "solved, thanks"));
    WorkflowStub.fromTyped(conversation).getResult(Void.class);

    assertThatThrownBy(() -> conversation.sendMessage(new CustomerMessage("m2", "one more thing")))
        .isInstanceOf(io.temporal.client.WorkflowException.class);
    assertThat(bot.requests).hasSize(1);
  }

  @Test
  void idleCustomerAbandonsTheConversation() {
    ConversationWorkflow conversation =
        start("c-idle", new ConversationSettings(4000, Duration.ofMinutes(15), 500));
    conversation.sendMessage(new CustomerMessage("m1", "hello"));

    env.sleep(Duration.ofMinutes(14));
    assertThat(conversation.state().status()).isEqualTo(ConversationStatus.BOT_ACTIVE);
    conversation.sendMessage(new CustomerMessage("m2", "still here"));
    env.sleep(Duration.ofMinutes(14));
    assertThat(conversation.state().status())
        .as("the idle clock restarts with each customer message")
        .isEqualTo(ConversationStatus.BOT_ACTIVE);

    WorkflowStub.fromTyped(conversation).getResult(Void.class);

    assertThat(transcript.statusChanges())
        .singleElement()
        .satisfies(c -> assertThat(c.to()).isEqualTo(ConversationStatus.ABANDONED));
    assertThat(transcript.messages()).last().satisfies(m -> {
      assertThat(m.author()).isEqualTo(Author.SYSTEM);
      assertThat(m.text()).contains("15 minutes");
    });
    assertThat(searchAttribute("c-idle", "BatonStatus")).isEqualTo("ABANDONED");
  }

  @Test
  void customerWhoSaysItIsSolvedEndsResolved() {
    ConversationWorkflow conversation = start("c-resolved", ConversationSettings.DEFAULTS);

    TurnResult result = conversation.sendMessage(new CustomerMessage("m1", "that solved it"));
    WorkflowStub.fromTyped(conversation).getResult(Void.class);

    assertThat(result.status()).isEqualTo(ConversationStatus.RESOLVED);
    assertThat(searchAttribute("c-resolved", "BatonStatus")).isEqualTo("RESOLVED");
    assertThat(searchAttribute("c-resolved", "BatonIntent")).isEqualTo("conversation_resolved");
  }

  @Test
  void botFailureBecomesAPoliteSystemMessage() {
    ConversationWorkflow conversation = start("c-bot-down", ConversationSettings.DEFAULTS);

    TurnResult result = conversation.sendMessage(new CustomerMessage("m1", "explode please"));
    TurnResult next = conversation.sendMessage(new CustomerMessage("m2", "hello again"));

    assertThat(result.status()).isEqualTo(ConversationStatus.BOT_ACTIVE);
    assertThat(result.replies()).singleElement().satisfies(m -> {
      assertThat(m.author()).isEqualTo(Author.SYSTEM);
      assertThat(m.text()).isEqualTo(ConversationWorkflowImpl.BOT_TROUBLE_REPLY);
    });
    assertThat(next.replies()).extracting(Message::author).containsExactly(Author.BOT);
  }

  @Test
  void transcriptOutageLosesNoLine() {
    ConversationWorkflow conversation = start("c-db-down", ConversationSettings.DEFAULTS);
    conversation.open();
    transcript.failuresToInject = Integer.MAX_VALUE;
    conversation.sendMessage(new CustomerMessage("m1", "written later"));
    transcript.failuresToInject = 0;

    conversation.sendMessage(new CustomerMessage("m2", "database is back"));

    assertThat(transcript.messages()).extracting(Message::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  /**
   * PostgreSQL hangs: the customer's turn answers in its usual time instead of waiting for the
   * write's retries (30 s before), and the conversation writes the lines by itself once the
   * database answers again, without another message to carry them.
   */
  @Test
  void aHungTranscriptHoldsNoReplyAndItsLinesAreWrittenWhenItAnswers() throws InterruptedException {
    ConversationWorkflow conversation = start("c-db-hung", ConversationSettings.DEFAULTS);
    conversation.open();
    transcript.hung = true;

    long started = System.nanoTime();
    TurnResult turn = conversation.sendMessage(new CustomerMessage("m1", "are you there?"));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    transcript.hung = false;

    assertThat(turn.replies()).extracting(Message::text).containsExactly("You said: are you there?");
    assertThat(took).isLessThan(Duration.ofSeconds(3));
    env.sleep(Duration.ofMinutes(1));
    long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (transcript.messages().size() < 3 && System.nanoTime() < giveUp) {
      Thread.sleep(50);
    }
    assertThat(transcript.messages()).extracting(Message::seq).containsExactly(1L, 2L, 3L);
  }

  @Test
  void continuesAsNewWithoutLosingCountersOrRetryAnswers() {
    ConversationWorkflow conversation =
        start("c-can", new ConversationSettings(4000, Duration.ofMinutes(15), 2));
    TurnResult first = conversation.sendMessage(new CustomerMessage("m1", "one"));
    conversation.sendMessage(new CustomerMessage("m2", "two"));
    String firstRun = WorkflowStub.fromTyped(conversation).getExecution().getRunId();

    ConversationWorkflow current = client.newWorkflowStub(ConversationWorkflow.class, ConversationIds.workflowId("c-can"));
    TurnResult third = current.sendMessage(new CustomerMessage("m3", "three"));
    TurnResult retryOfFirst = current.sendMessage(new CustomerMessage("m1", "one"));

    String latestRun = client.newUntypedWorkflowStub(ConversationIds.workflowId("c-can")).getExecution().getRunId();
    assertThat(latestRun).isNotEqualTo(firstRun);
    assertThat(third.replies()).extracting(Message::seq).containsExactly(6L);
    assertThat(retryOfFirst).isEqualTo(first);
    assertThat(current.state().turns()).isEqualTo(3);
  }

  private ConversationWorkflow start(String id, ConversationSettings settings) {
    return Conversations.start(client, taskQueue, id, ADA, settings);
  }

  private List<HistoryEvent> history(String id) {
    return client.fetchHistory(ConversationIds.workflowId(id)).getEvents();
  }

  private String searchAttribute(String id, String name) {
    var description = client.newUntypedWorkflowStub(ConversationIds.workflowId(id)).describe();
    return (String) description.getTypedSearchAttributes().get(
        io.temporal.common.SearchAttributeKey.forKeyword(name));
  }

  private static void assertRejected(Runnable call, String type) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            WorkflowUpdateException.class,
            e -> assertThat(ConversationFailures.rejection(e))
                .hasValueSatisfying(r -> assertThat(r.type()).isEqualTo(type)));
  }

  private static org.assertj.core.groups.Tuple tuple(Object... values) {
    return org.assertj.core.groups.Tuple.tuple(values);
  }
}
