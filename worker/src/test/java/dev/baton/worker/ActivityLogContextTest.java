package dev.baton.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Every line an activity logs names its conversation, local activities included. */
class ActivityLogContextTest {

  @ActivityInterface
  public interface Probe {
    void look();
  }

  @WorkflowInterface
  public interface Caller {
    @WorkflowMethod
    void run();
  }

  public static class CallerImpl implements Caller {
    private final Probe local =
        Workflow.newLocalActivityStub(Probe.class, LocalActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(5)).build());
    private final Probe remote =
        Workflow.newActivityStub(Probe.class, ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(5)).build());

    @Override
    public void run() {
      local.look();
      remote.look();
    }
  }

  @Test
  void localAndRegularActivitiesLogWithTheConversationId() {
    List<String> seen = new CopyOnWriteArrayList<>();
    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder().setWorkerInterceptors(new ActivityLogContext()).build())
                .build());
    try {
      Worker worker = env.newWorker("log-context");
      worker.registerWorkflowImplementationTypes(CallerImpl.class);
      worker.registerActivitiesImplementations((Probe) () -> seen.add(MDC.get(ActivityLogContext.CONVERSATION_ID)));
      env.start();

      env.getWorkflowClient()
          .newWorkflowStub(Caller.class, WorkflowOptions.newBuilder().setTaskQueue("log-context").setWorkflowId("conversation-c-7").build())
          .run();

      assertThat(seen).containsExactly("c-7", "c-7");
    } finally {
      env.close();
    }
  }
}
