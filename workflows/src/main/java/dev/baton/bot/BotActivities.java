package dev.baton.bot;

import io.temporal.activity.ActivityInterface;

/** The bot's turn, run as an activity so its answer is recorded in history. */
@ActivityInterface
public interface BotActivities {
  BotTurn respond(BotRequest request);
}
