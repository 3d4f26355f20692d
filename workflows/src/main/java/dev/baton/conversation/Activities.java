package dev.baton.conversation;

import dev.baton.agents.AgentActivities;
import dev.baton.bot.BotActivities;
import dev.baton.escalation.EscalationActivities;
import dev.baton.helpdesk.HelpdeskActivities;
import dev.baton.hours.HoursActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * The activity stubs one conversation uses, each with its timeouts and retries.
 *
 * <p>The bot, the transcript, the rules, hours and agent look-ups run as local activities: all
 * are short and idempotent, and keeping them in the workflow task is what lets a customer get the
 * reply within one HTTP call. The helpdesk is somebody else's service and runs as a real activity.
 */
final class Activities {
  final BotActivities bot =
      Workflow.newLocalActivityStub(
          BotActivities.class,
          LocalActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(10))
              .setScheduleToCloseTimeout(Duration.ofSeconds(20))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofMillis(200))
                      .setMaximumAttempts(3)
                      .build())
              .build());

  final TranscriptActivities transcript =
      Workflow.newLocalActivityStub(
          TranscriptActivities.class,
          LocalActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(5))
              .setScheduleToCloseTimeout(Duration.ofSeconds(30))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofMillis(200))
                      .setMaximumInterval(Duration.ofSeconds(5))
                      .build())
              .build());

  /**
   * The transcript write of a handler a caller waits for ({@link Era#writesTranscriptQuickly}): a
   * try of at most 1 s and, after a quick failure, one more, 1.2 s in all (a healthy database
   * writes in milliseconds; the customer's budget is 2 s for the whole call), none when the
   * worker knows the store is down a moment ago ({@link TranscriptActivities#STORE_DOWN}). A write that does
   * not make it leaves its lines to the conversation's catch-up ({@link Turns#catchUp}); the
   * customer's reply does not wait for PostgreSQL.
   */
  final TranscriptActivities transcriptOnTurn =
      Workflow.newLocalActivityStub(
          TranscriptActivities.class,
          LocalActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(1))
              .setScheduleToCloseTimeout(Duration.ofMillis(1200))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofMillis(100))
                      .setMaximumAttempts(2)
                      .setDoNotRetry(TranscriptActivities.STORE_DOWN)
                      .build())
              .build());

  final EscalationActivities escalations = lookup(EscalationActivities.class, Duration.ofSeconds(2));

  final HoursActivities hours = lookup(HoursActivities.class, null);

  final AgentActivities agents = lookup(AgentActivities.class, null);

  /**
   * Retried with backoff (1 s doubling, at most 10 s apart) for up to ten minutes (a 429's
   * Retry-After is honoured by the activity), never on a rejection.
   */
  final HelpdeskActivities helpdesk =
      Workflow.newActivityStub(
          HelpdeskActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setScheduleToCloseTimeout(Duration.ofMinutes(10))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofSeconds(1))
                      .setBackoffCoefficient(2)
                      .setMaximumInterval(Duration.ofSeconds(10))
                      .setDoNotRetry(HelpdeskActivities.REJECTED)
                      .build())
              .build());

  /** A short PostgreSQL look-up: 5 s an attempt, 20 s in all. */
  private static <T> T lookup(Class<T> type, Duration maximumInterval) {
    LocalActivityOptions.Builder options =
        LocalActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(5))
            .setScheduleToCloseTimeout(Duration.ofSeconds(20));
    if (maximumInterval != null) {
      options.setRetryOptions(
          RetryOptions.newBuilder()
              .setInitialInterval(Duration.ofMillis(200))
              .setMaximumInterval(maximumInterval)
              .build());
    }
    return Workflow.newLocalActivityStub(type, options.build());
  }
}
