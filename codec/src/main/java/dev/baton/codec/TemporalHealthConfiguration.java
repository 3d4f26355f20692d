package dev.baton.codec;

import io.temporal.serviceclient.WorkflowServiceStubs;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The health indicator {@code temporal} in every app that has a Temporal connection and Spring
 * Boot's health support: the worker and the api list it in their readiness group.
 */
@AutoConfiguration(
    afterName = {
      "io.temporal.spring.boot.autoconfigure.TestServerAutoConfiguration",
      "io.temporal.spring.boot.autoconfigure.ServiceStubsAutoConfiguration"
    })
@ConditionalOnClass(AbstractHealthIndicator.class)
public class TemporalHealthConfiguration {

  /** Named {@code temporal}: the key under {@code /actuator/health} and in the readiness group. */
  @Bean("temporal")
  @ConditionalOnBean(WorkflowServiceStubs.class)
  TemporalHealth temporalHealth(WorkflowServiceStubs service) {
    return new TemporalHealth(service);
  }
}
