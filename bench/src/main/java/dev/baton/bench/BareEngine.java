package dev.baton.bench;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.UUID;

/**
 * The physical reference: the least a conversation-shaped workflow can cost on the same Temporal
 * server. A workflow that answers updates, either at once or after one activity, hosted by a
 * worker inside the benchmark process on its own task queue, with the SDK's default data
 * converter (no payload encryption, no database, no HTTP).
 */
final class BareEngine implements AutoCloseable {
  static final String TASK_QUEUE = "baton-bench-bare";

  /** A conversation with nothing in it: each update is a turn. */
  @WorkflowInterface
  public interface BareConversation {
    @WorkflowMethod
    void run(boolean withActivity);

    @UpdateMethod
    String turn(String text);
  }

  @ActivityInterface
  public interface BareReply {
    String reply(String text);
  }

  public static class BareConversationImpl implements BareConversation {
    private final BareReply activity =
        Workflow.newActivityStub(
            BareReply.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());
    private boolean withActivity;

    @Override
    public void run(boolean withActivity) {
      this.withActivity = withActivity;
      // Open until the benchmark's stack goes away, like an idle conversation.
      Workflow.await(() -> false);
    }

    @Override
    public String turn(String text) {
      return withActivity ? activity.reply(text) : "ok";
    }
  }

  static final class BareReplyImpl implements BareReply {
    @Override
    public String reply(String text) {
      return "ok";
    }
  }

  private final WorkflowClient client;
  private final WorkerFactory factory;

  BareEngine(WorkflowClient client) {
    this.client = client;
    this.factory = WorkerFactory.newInstance(client);
    Worker worker = factory.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(BareConversationImpl.class);
    worker.registerActivitiesImplementations(new BareReplyImpl());
    factory.start();
  }

  /** A bare conversation started by its first turn (update-with-start), ready for more. */
  BareConversation start(boolean withActivity) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId("bench-" + UUID.randomUUID())
            .setTaskQueue(TASK_QUEUE)
            .setWorkflowIdConflictPolicy(
                WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
            .build();
    BareConversation stub = client.newWorkflowStub(BareConversation.class, options);
    WorkflowClient.executeUpdateWithStart(
        stub::turn,
        "hello",
        UpdateOptions.newBuilder(String.class)
            .setWaitForStage(WorkflowUpdateStage.COMPLETED)
            .build(),
        new WithStartWorkflowOperation<>(stub::run, withActivity));
    return stub;
  }

  @Override
  public void close() {
    factory.shutdownNow();
  }
}
