package dev.baton.bot;

import org.springframework.stereotype.Component;

/** Runs the configured {@link Bot} as the conversation workflow's bot activity. */
@Component
public class BotActivitiesImpl implements BotActivities {
  private final Bot bot;

  public BotActivitiesImpl(Bot bot) {
    this.bot = bot;
  }

  @Override
  public BotTurn respond(BotRequest request) {
    return bot.respond(request);
  }
}
