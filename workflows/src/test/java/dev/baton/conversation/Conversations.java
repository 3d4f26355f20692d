package dev.baton.conversation;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Instant;

/** What every conversation workflow test sets up: the test server and a started conversation. */
final class Conversations {
  private Conversations() {}

  /** The in-memory server with Baton's search attributes, time skipping on, started by the test. */
  static TestWorkflowExtension extension() {
    return builder().build();
  }

  /** As {@link #extension()}, with the clock starting at {@code initialTime}. */
  static TestWorkflowExtension extensionAt(Instant initialTime) {
    return builder().setInitialTime(initialTime).build();
  }

  private static TestWorkflowExtension.Builder builder() {
    TestWorkflowExtension.Builder builder =
        TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(ConversationWorkflowImpl.class)
            .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder().setWorkerInterceptors(new ActivitySummaries()).build())
            .setDoNotStart(true);
    BatonSearchAttributes.ALL.forEach(
        key -> builder.registerSearchAttribute(key.getName(), key.getValueType()));
    return builder;
  }

  /** Starts conversation {@code id} on {@code taskQueue} and returns its stub. */
  static ConversationWorkflow start(
      WorkflowClient client, String taskQueue, String id, Customer customer, ConversationSettings settings) {
    ConversationWorkflow conversation =
        client.newWorkflowStub(
            ConversationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(ConversationIds.workflowId(id))
                .setTaskQueue(taskQueue)
                .build());
    WorkflowClient.start(conversation::run, ConversationStart.first(id, customer, "web", settings));
    return conversation;
  }
}
