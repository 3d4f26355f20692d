package dev.baton.store.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the numbers need to know about one conversation, read in one row: when it started and
 * was first answered, what the customer asked for, how it escalated, waited, ended and was rated,
 * and how the bot read the customer's messages.
 *
 * @param requestIntent what the customer asked for: the first intent the bot read that is a
 *     request ({@link MetricsStore#NOT_REQUESTS} are not), {@code none} when there was none
 * @param takeoverWaitsMs each wait in a queue that ended with a takeover (a wait for a callback is not one)
 * @param repeatedInformation customer messages after the handoff that restate a key fact of the summary
 * @param missingContext escalated with a summary that holds no key fact
 * @param endedAt when it was resolved, abandoned or closed; {@code null} while open
 * @param botTurns the customer messages the bot read
 * @param outOfScopeTurns of those, the ones it read as a question outside what it covers
 * @param nextContactAfter how long after this conversation ended (or, while open, started) the
 *     customer started another about the same request (about anything, when this one had none);
 *     {@code null} when they did not within the horizon searched
 * @param containment whether the bot resolved it alone, and how we know
 */
public record ConversationFacts(
    String conversationId,
    String channel,
    String requestIntent,
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
    Instant endedAt,
    int botTurns,
    int outOfScopeTurns,
    Duration nextContactAfter,
    Containment containment) {

  /** The key of conversations whose customer asked for nothing the bot could place. */
  public static final String NO_REQUEST = "none";

  public boolean escalated() {
    return escalatedAt != null;
  }

  /** Resolved by the bot alone, confirmed by the customer or assumed (see {@link Containment}). */
  public boolean contained() {
    return containment.contained();
  }

  /** The customer came back about the same request within 72 h ({@link MetricsStore#REPEAT_CONTACT}). */
  public boolean repeatContact() {
    return nextContactAfter != null && nextContactAfter.compareTo(MetricsStore.REPEAT_CONTACT) <= 0;
  }

  public boolean resolvedAfterHandoff() {
    return "AFTER_HANDOFF".equals(resolvedPhase);
  }

  /** The key this conversation is counted under when the numbers are grouped by {@code groupBy}. */
  public String key(GroupBy groupBy) {
    return switch (groupBy) {
      case INTENT -> requestIntent;
      case QUEUE -> queue;
      case REASON -> reason;
      case CHANNEL -> channel;
    };
  }
}
