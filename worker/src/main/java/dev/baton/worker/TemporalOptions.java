package dev.baton.worker;

import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
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

  @Bean
  WorkflowImplementationOptionsCustomizer botActivityOptions(
      @Value("${baton.bot.timeout:10s}") Duration botTimeout) {
    LocalActivityOptions bot = botOptions(botTimeout);
    return (builder, worker, workflowClass, workflowMethod) ->
        builder.setLocalActivityOptions(Map.of(BOT_ACTIVITY, bot));
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
