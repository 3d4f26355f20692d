package dev.baton.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * A normal conversation leaves the worker's log quiet: the timers a status change cancels are
 * expected to be cancelled, not reported by the SDK as failures nobody looked at.
 */
class QuietLogTest {
  private static final Customer ADA = new Customer("cust-quiet", "Ada", "ada@example.com", "standard", "en");

  @RegisterExtension
  static final TestWorkflowExtension temporal = Conversations.extension();

  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger temporalLog = (Logger) LoggerFactory.getLogger("io.temporal");
  private WorkflowClient client;
  private String taskQueue;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    FakeHours hours = new FakeHours();
    worker.registerActivitiesImplementations(
        new FakeBot(), new FakeTranscript(), new FakeEscalations(), hours, new FakeHelpdesk(), new FakeAgents(hours));
    env.start();
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
    log.start();
    temporalLog.addAppender(log);
  }

  @AfterEach
  void tearDown() {
    temporalLog.detachAppender(log);
  }

  @Test
  void aConversationHandedToPeopleAndClosedLogsNoWarning() {
    ConversationWorkflow conversation = Conversations.start(client, taskQueue, "c-quiet", ADA, ConversationSettings.DEFAULTS);
    conversation.sendMessage(new CustomerMessage("m1", "where is my order?"));
    conversation.requestHandoff(new HandoffRequest("please"));
    conversation.sendMessage(new CustomerMessage("m2", "still there?"));
    conversation.close(new CloseRequest(null));
    WorkflowStub.fromTyped(conversation).getResult(Void.class);

    // Only the workflow runner's own report: on a busy machine the SDK may also warn that a
    // first workflow task took long (its deadlock detector), which says nothing about the code.
    assertThat(log.list)
        .filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
        .filteredOn(e -> e.getLoggerName().equals("io.temporal.internal.sync.DeterministicRunnerImpl"))
        .extracting(ILoggingEvent::getFormattedMessage)
        .isEmpty();
  }
}
