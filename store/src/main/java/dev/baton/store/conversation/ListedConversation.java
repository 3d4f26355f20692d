package dev.baton.store.conversation;

import dev.baton.conversation.ConversationStatus;
import java.time.Instant;

/**
 * One line of the conversation list: ids and categories, as the read model last recorded them.
 *
 * @param customerVerified whether the embedding site vouched for the customer id (a signed
 *     identity claim); an anonymous caller may name any id
 * @param assignedAgent the agent holding it; {@code null} unless an agent does
 * @param escalatedAt when it was escalated; {@code null} if it never was
 */
public record ListedConversation(
    String conversationId,
    ConversationStatus status,
    String customerId,
    String customerTier,
    boolean customerVerified,
    String channel,
    String intent,
    String queue,
    String assignedAgent,
    String escalationReason,
    Integer priority,
    Instant escalatedAt,
    Instant startedAt,
    Instant updatedAt) {

  /** Where a page ended: the list is ordered by start, then id, newest first. */
  public record Position(Instant startedAt, String conversationId) {}

  public Position position() {
    return new Position(startedAt, conversationId);
  }
}
