package dev.baton.store.metrics;

import java.time.Instant;
import java.util.List;

/**
 * What the numbers need to know about one conversation, read in one row: when it started and
 * was first answered, how it escalated, waited, ended and was rated.
 *
 * @param takeoverWaitsMs each wait in a queue that ended with a takeover (a wait for a callback is not one)
 * @param repeatedInformation customer messages after the handoff that restate a key fact of the summary
 * @param missingContext escalated with a summary that holds no key fact
 * @param repeatContact the customer started another conversation within 72 h after this one ended
 */
public record ConversationFacts(
    String conversationId,
    String channel,
    String intent,
    String queue,
    String reason,
    Instant startedAt,
    Instant firstCustomerAt,
    Instant firstReplyAt,
    Instant escalatedAt,
    List<String> escalationReasons,
    List<Long> takeoverWaitsMs,
    int takeovers,
    int transfers,
    Instant resolvedAt,
    String resolvedPhase,
    String abandonedPhase,
    int callbacksCreated,
    int callbacksKept,
    int callbacksMissed,
    Integer csat,
    int repeatedInformation,
    boolean missingContext,
    boolean repeatContact) {

  public boolean escalated() {
    return escalatedAt != null;
  }

  /** Resolved by the bot, never handed to a person, and the customer did not come back within 72 h. */
  public boolean contained() {
    return "BOT".equals(resolvedPhase) && !escalated() && !repeatContact;
  }

  public boolean resolvedAfterHandoff() {
    return "AFTER_HANDOFF".equals(resolvedPhase);
  }

  /** The key this conversation is counted under when the numbers are grouped by {@code groupBy}. */
  public String key(GroupBy groupBy) {
    return switch (groupBy) {
      case INTENT -> intent;
      case QUEUE -> queue;
      case REASON -> reason;
      case CHANNEL -> channel;
    };
  }
}
