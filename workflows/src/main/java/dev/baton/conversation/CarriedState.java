package dev.baton.conversation;

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
    List<Message> unrecorded) {

  /** The answer given to one client message id. */
  public record RememberedTurn(String clientMessageId, TurnResult result) {}
}
