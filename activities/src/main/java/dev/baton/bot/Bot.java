package dev.baton.bot;

/**
 * The port every bot implementation sits behind: reads one customer message, answers it.
 * Implementations must be deterministic for a given input and thread-safe.
 */
public interface Bot {
  BotTurn respond(BotRequest request);
}
