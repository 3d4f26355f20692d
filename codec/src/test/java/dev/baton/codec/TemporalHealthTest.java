package dev.baton.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Both apps get the same {@code temporal} health indicator from here: up while the Temporal
 * frontend answers, down (and so out of readiness) within seconds when it does not.
 */
class TemporalHealthTest {
  private static TestWorkflowEnvironment temporal;

  private final ApplicationContextRunner app =
      new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TemporalHealthConfiguration.class));

  @BeforeAll
  static void startTemporal() {
    temporal = TestWorkflowEnvironment.newInstance();
  }

  @AfterAll
  static void stopTemporal() {
    temporal.close();
  }

  @Test
  void upWhileTheFrontendAnswers() {
    app.withBean(WorkflowServiceStubs.class, temporal::getWorkflowServiceStubs, b -> b.setDestroyMethodName(""))
        .run(context -> {
          Health health = context.getBean("temporal", HealthIndicator.class).health();

          assertThat(health.getStatus()).isEqualTo(Status.UP);
          assertThat(health.getDetails()).containsKey("serverVersion");
        });
  }

  @Test
  void downSoonWhenNothingAnswers() {
    WorkflowServiceStubs nowhere =
        WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:1").build());
    app.withBean(WorkflowServiceStubs.class, () -> nowhere).run(context -> {
      long start = System.nanoTime();
      Health health = context.getBean("temporal", HealthIndicator.class).health();

      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(health.getDetails()).containsKey("error");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TemporalHealth.TIMEOUT.plusSeconds(2));
    });
  }

  @Test
  void anAppWithoutATemporalConnectionHasNoSuchCheck() {
    app.run(context -> assertThat(context).doesNotHaveBean("temporal"));
  }
}
