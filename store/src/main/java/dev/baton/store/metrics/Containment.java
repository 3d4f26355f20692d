package dev.baton.store.metrics;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether the bot resolved a conversation on its own, and how we know: the customer said so
 * ({@link #CONFIRMED}), or left without asking for more ({@link #ASSUMED}). docs/operations.md
 * gives the rules; {@link #judge} is them.
 */
public enum Containment {
  /** The customer told us: they said it was solved (the bot closed it as resolved), or rated it 4 or 5. */
  CONFIRMED,
  /**
   * The bot answered the customer's request, the conversation ended with the bot (closed by the
   * customer or for idleness), and the customer did not come back about the same request within
   * the assumed-resolution time.
   */
  ASSUMED,
  /** Would be {@link #ASSUMED}, but the assumed-resolution time since it ended has not passed yet. */
  PENDING,
  /** Escalated, still open, unanswered, rated 1 or 2, or the customer came back about the same request. */
  NOT_CONTAINED;

  /** A rating at or above this confirms a resolution (the usual CSAT line: satisfied is 4 or 5). */
  public static final int CONFIRMING_RATING = 4;
  /** A rating at or below this says the customer was not helped: nothing is assumed. */
  public static final int DENYING_RATING = 2;

  /**
   * How one conversation counts.
   *
   * @param escalated handed to a person at least once
   * @param resolvedByBot closed as resolved while the bot held it (the customer said it was solved)
   * @param csat the customer's rating, if any
   * @param endedAt when it ended (resolved, abandoned or closed); {@code null} while open
   * @param requestIntent what the customer asked for; {@code null} when they asked for nothing the bot could place
   * @param lastTurnAnswered the bot's reply to the customer's last message answered it; {@code null} without a recorded turn
   * @param nextContactAfter how long after it ended the customer started another conversation
   *     about the same request; {@code null} when they did not (within the horizon searched)
   * @param now the moment the numbers are read
   * @param assumedAfter how long the customer must stay away before a resolution is assumed
   */
  public static Containment judge(
      boolean escalated,
      boolean resolvedByBot,
      Integer csat,
      Instant endedAt,
      String requestIntent,
      Boolean lastTurnAnswered,
      Duration nextContactAfter,
      Instant now,
      Duration assumedAfter) {
    boolean cameBack = nextContactAfter != null && nextContactAfter.compareTo(MetricsStore.REPEAT_CONTACT) <= 0;
    if (escalated || cameBack) {
      return NOT_CONTAINED;
    }
    if (resolvedByBot || (csat != null && csat >= CONFIRMING_RATING)) {
      return CONFIRMED;
    }
    boolean answeredAndLeft =
        endedAt != null && requestIntent != null && Boolean.TRUE.equals(lastTurnAnswered)
            && (csat == null || csat > DENYING_RATING);
    if (!answeredAndLeft || (nextContactAfter != null && nextContactAfter.compareTo(assumedAfter) <= 0)) {
      return NOT_CONTAINED;
    }
    return now.isBefore(endedAt.plus(assumedAfter)) ? PENDING : ASSUMED;
  }

  /** Counted as contained: {@link #CONFIRMED} or {@link #ASSUMED}. */
  public boolean contained() {
    return this == CONFIRMED || this == ASSUMED;
  }
}
