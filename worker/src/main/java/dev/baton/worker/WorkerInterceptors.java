package dev.baton.worker;

import dev.baton.conversation.ActivitySummaries;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The worker interceptors; the Temporal starter hands every {@code WorkerInterceptor} bean to the
 * worker factory.
 */
@Configuration(proxyBeanMethods = false)
class WorkerInterceptors {

  /** Summaries on every activity, for the Temporal UI. */
  @Bean
  ActivitySummaries activitySummaries() {
    return new ActivitySummaries();
  }

  /** The conversation id in the logging context of every activity. */
  @Bean
  ActivityLogContext activityLogContext() {
    return new ActivityLogContext();
  }
}
