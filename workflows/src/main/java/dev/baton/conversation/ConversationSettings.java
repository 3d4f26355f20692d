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
 * @param updatesPerRun calls of any kind (and deadlines) one run takes before it hands over, so
 *     that a flood of calls cannot reach Temporal's cap of 2,000 updates per run; 0, as in start
 *     inputs written before it existed, means {@link #DEFAULT_UPDATES_PER_RUN}
 * @param maxCustomerMessages customer messages one conversation takes (all its runs); the next is
 *     refused by the update's validator. 0, as in start inputs written before it existed: no cap
 */
public record ConversationSettings(
    int maxMessageLength, Duration idleTimeout, int turnsPerRun, int updatesPerRun, int maxCustomerMessages) {
  /** Half of Temporal's cap, leaving room for the calls in flight when the hand-over begins. */
  public static final int DEFAULT_UPDATES_PER_RUN = 1000;

  public static final ConversationSettings DEFAULTS =
      new ConversationSettings(4000, Duration.ofMinutes(15), 500);

  public ConversationSettings(int maxMessageLength, Duration idleTimeout, int turnsPerRun) {
    this(maxMessageLength, idleTimeout, turnsPerRun, DEFAULT_UPDATES_PER_RUN);
  }

  public ConversationSettings(int maxMessageLength, Duration idleTimeout, int turnsPerRun, int updatesPerRun) {
    this(maxMessageLength, idleTimeout, turnsPerRun, updatesPerRun, 0);
  }

  public ConversationSettings {
    if (updatesPerRun == 0) {
      updatesPerRun = DEFAULT_UPDATES_PER_RUN;
    }
    if (updatesPerRun < 0 || updatesPerRun > 1500) {
      throw new IllegalArgumentException("updatesPerRun must be 1 to 1500");
    }
    if (maxMessageLength <= 0) {
      throw new IllegalArgumentException("maxMessageLength must be positive");
    }
    if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive");
    }
    if (turnsPerRun <= 0) {
      throw new IllegalArgumentException("turnsPerRun must be positive");
    }
    if (maxCustomerMessages < 0) {
      throw new IllegalArgumentException("maxCustomerMessages must not be negative");
    }
  }
}
