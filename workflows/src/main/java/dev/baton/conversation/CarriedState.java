package dev.baton.conversation;

import dev.baton.escalation.Dossier;
import dev.baton.escalation.Escalation;
import dev.baton.escalation.HandoffSummary;
import dev.baton.hours.Waiting;
import java.time.Instant;

import java.util.List;

/**
 * What one workflow run hands to the next on continue-as-new. Deliberately small: the
 * transcript is in PostgreSQL, so only counters, the bot's last reading and the answers to
 * recent client message ids (for retries that straddle the hand-over) travel.
 */
public record CarriedState(
    ConversationStatus status,
    long lastSeq,
    int statusChanges,
    int turns,
    String intent,
    double confidence,
    double sentiment,
    boolean greeted,
    List<RememberedTurn> recentTurns,
    List<Message> unrecorded,
    EscalationState escalation) {

  /**
   * Where the escalation engine stands. {@code null} in runs started before it existed.
   *
   * @param unresolvedSince workflow time (epoch millis) of the first message the bot has not
   *     answered yet; {@code null} when every message was answered
   * @param helpdeskWrites helpdesk calls made so far; numbers their idempotency keys
   * @param waitingSince when the wait for a person began (the escalation, or the queue's opening
   *     for a callback); the pickup clock runs from here
   */
  public record EscalationState(
      int clarificationsAsked,
      int turnsWithoutProgress,
      Long unresolvedSince,
      int botFailuresInRow,
      Dossier dossier,
      Escalation escalation,
      HandoffSummary summary,
      Callback callback,
      int helpdeskWrites,
      Instant waitingSince,
      String assignedAgent,
      String agentName,
      boolean slaMissed,
      Waiting waiting,
      String agentNote) {}

  /** The answer given to one client message id. */
  public record RememberedTurn(String clientMessageId, TurnResult result) {}
}
