package dev.baton.codec;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The Temporal frontend answers (health {@code temporal}, part of readiness in the worker and the
 * api): without it no conversation can start, answer or move, so the instance should get no
 * traffic. One implementation for both apps, offered by {@link TemporalHealthConfiguration}.
 */
public class TemporalHealth extends AbstractHealthIndicator {
  /** Longer than a healthy frontend ever takes, shorter than a readiness probe's timeout. */
  static final Duration TIMEOUT = Duration.ofSeconds(3);
  private final WorkflowServiceStubs service;

  public TemporalHealth(WorkflowServiceStubs service) {
    super("Temporal is not reachable");
    this.service = service;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    var info =
        service
            .blockingStub()
            .withDeadlineAfter(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
            .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
    builder.up().withDetail("serverVersion", info.getServerVersion());
  }
}
