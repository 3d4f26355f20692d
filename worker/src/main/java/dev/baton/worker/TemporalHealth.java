package dev.baton.worker;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * The Temporal frontend answers (health {@code temporal}, part of readiness): without it no
 * conversation can start, answer or move, so the instance should get no traffic.
 */
@Component("temporal")
class TemporalHealth extends AbstractHealthIndicator {
  private static final long TIMEOUT_SECONDS = 3;
  private final WorkflowServiceStubs service;

  TemporalHealth(WorkflowServiceStubs service) {
    super("Temporal is not reachable");
    this.service = service;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    var info =
        service
            .blockingStub()
            .withDeadlineAfter(TIMEOUT_SECONDS, TimeUnit.SECONDS)
            .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
    builder.up().withDetail("serverVersion", info.getServerVersion());
  }
}
