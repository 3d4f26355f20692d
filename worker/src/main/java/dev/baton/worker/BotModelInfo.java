package dev.baton.worker;

import dev.baton.bot.BotTraining;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/info} says which bot model this worker answers with ({@code bot.modelVersion}),
 * so an operator can see that every worker has loaded the model a supervisor's approvals made.
 */
@Component
class BotModelInfo implements InfoContributor {
  private final BotTraining training;

  BotModelInfo(BotTraining training) {
    this.training = training;
  }

  @Override
  public void contribute(Info.Builder builder) {
    training.modelVersion().ifPresent(version -> builder.withDetail("bot", Map.of("modelVersion", version)));
  }
}
