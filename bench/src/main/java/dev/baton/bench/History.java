package dev.baton.bench;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;

/** What turns cost a conversation's Temporal history, read from the server's own description. */
final class History {
  private History() {}

  /**
   * A count of turns between two descriptions of the same run. When the run continues as new in
   * between, the window starts again on the new run.
   */
  static final class Window {
    private final String namespace;
    private final String workflowId;
    private WorkflowExecutionInfo start;
    private int turns;
    private double eventsPerTurn = Double.NaN;
    private double bytesPerTurn = Double.NaN;

    private Window(String namespace, String workflowId, WorkflowExecutionInfo start) {
      this.namespace = namespace;
      this.workflowId = workflowId;
      this.start = start;
    }

    boolean done() {
      return !Double.isNaN(eventsPerTurn);
    }

    /** Counts a turn; after {@code size} turns, reads the history again and computes the figures. */
    void turn(WorkflowServiceStubs service, int size) {
      if (done() || ++turns < size) {
        return;
      }
      WorkflowExecutionInfo end = describe(service, namespace, workflowId);
      if (!end.getExecution().getRunId().equals(start.getExecution().getRunId())) {
        start = end;
        turns = 0;
        return;
      }
      eventsPerTurn = (end.getHistoryLength() - start.getHistoryLength()) / (double) turns;
      bytesPerTurn = (end.getHistorySizeBytes() - start.getHistorySizeBytes()) / (double) turns;
    }

    double eventsPerTurn() {
      return eventsPerTurn;
    }

    double bytesPerTurn() {
      return bytesPerTurn;
    }
  }

  static Window window(WorkflowServiceStubs service, String namespace, String workflowId) {
    return new Window(namespace, workflowId, describe(service, namespace, workflowId));
  }

  /** The runs a workflow id has had: one plus the times it continued as new. */
  static long runs(WorkflowClient client, String workflowId) {
    return client.listExecutions("WorkflowId = '" + workflowId + "'").count();
  }

  private static WorkflowExecutionInfo describe(
      WorkflowServiceStubs service, String namespace, String workflowId) {
    return service
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(namespace)
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                .build())
        .getWorkflowExecutionInfo();
  }
}
