package dev.baton.worker;

import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.spring.boot.WorkerOptionsCustomizer;
import io.temporal.spring.boot.WorkflowImplementationOptionsCustomizer;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Temporal options the worker sets from its configuration rather than the workflow's code.
 *
 * <p>The bot's timeout ({@code baton.bot.timeout}) overrides the options the conversation
 * workflow gives its bot stub, for the activity type {@value #BOT_ACTIVITY} only: a webhook or a
 * language model needs longer than the built-in bot's milliseconds, and a team tunes that without a
 * release. Timeouts of local activities are not part of workflow history, so changing them keeps
 * every recorded run replayable.
 */
@Configuration
class TemporalOptions {
  /** {@code BotActivities.respond}'s activity type. */
  static final String BOT_ACTIVITY = "Respond";

  /**
   * The bot's local-activity options, and {@code TemporalChangeVersion}: at each version marker a
   * run records, the SDK also upserts the change ids it ran with (e.g. {@code lean-turns-1}), so
   * the runs still on a change's old branch are found by a visibility query
   * (deploy/temporal/old-runs.sh). Replay-safe by the SDK's design: each marker says whether it
   * was upserted, and runs recorded before this was on replay without it (ConversationReplayTest).
   */
  @Bean
  WorkflowImplementationOptionsCustomizer workflowOptions(
      @Value("${baton.bot.timeout:10s}") Duration botTimeout) {
    LocalActivityOptions bot = botOptions(botTimeout);
    return (builder, worker, workflowClass, workflowMethod) ->
        builder.setLocalActivityOptions(Map.of(BOT_ACTIVITY, bot)).setEnableUpsertVersionSearchAttributes(true);
  }

  /**
   * How long a workflow thread may run without yielding before the SDK calls it a deadlock
   * ({@code baton.worker.deadlock-detection-timeout}, 5 s; the SDK's own default is 1 s). Baton's
   * workflow code never blocks, but the first task after a worker starts loads classes, and on a
   * busy machine that alone has taken more than a second: the task failed and was retried, and
   * the update that came with it was refused. A real deadlock is still caught, a little later.
   */
  @Bean
  WorkerOptionsCustomizer deadlockDetection(
      @Value("${baton.worker.deadlock-detection-timeout:5s}") Duration timeout) {
    return (builder, workerName, taskQueue) -> builder.setDefaultDeadlockDetectionTimeout(timeout.toMillis());
  }

  /**
   * {@code timeout} an attempt, three attempts at most, all within twice {@code timeout}: a turn
   * whose bot keeps failing ends in the workflow's apology, not in a caller waiting for minutes.
   */
  static LocalActivityOptions botOptions(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalStateException("baton.bot.timeout must be positive, was " + timeout);
    }
    return LocalActivityOptions.newBuilder()
        .setStartToCloseTimeout(timeout)
        .setScheduleToCloseTimeout(timeout.multipliedBy(2))
        .setRetryOptions(
            RetryOptions.newBuilder().setInitialInterval(Duration.ofMillis(200)).setMaximumAttempts(3).build())
        .build();
  }
}
