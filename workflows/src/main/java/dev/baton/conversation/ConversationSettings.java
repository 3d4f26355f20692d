package dev.baton.conversation;

import java.time.Duration;

/**
 * Limits fixed for one conversation when it starts. They travel in the start event, so the
 * workflow and its update validators see the same values on every replay.
 *
 * @param maxMessageLength longest customer message accepted, in characters
 * @param idleTimeout how long the bot waits for the customer before the conversation is abandoned
 * @param turnsPerRun turns handled in one workflow run before it continues as new (Temporal caps
 *     updates per run; the transcript lives in PostgreSQL, so the carried state stays small)
 */
public record ConversationSettings(int maxMessageLength, Duration idleTimeout, int turnsPerRun) {
  public static final ConversationSettings DEFAULTS =
      new ConversationSettings(4000, Duration.ofMinutes(15), 500);

  public ConversationSettings {
    if (maxMessageLength <= 0) {
      throw new IllegalArgumentException("maxMessageLength must be positive");
    }
    if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive");
    }
    if (turnsPerRun <= 0) {
      throw new IllegalArgumentException("turnsPerRun must be positive");
    }
  }
}
