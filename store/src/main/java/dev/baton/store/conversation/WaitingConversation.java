package dev.baton.store.conversation;

import dev.baton.escalation.HandoffSummary;
import java.time.Instant;

/**
 * A conversation in a queue's waiting list, as stored.
 *
 * @param reason the escalation reason's name
 * @param summary the handoff summary; {@code null} when none was stored
 */
public record WaitingConversation(
    String conversationId, int priority, String reason, String customerTier, Instant escalatedAt, HandoffSummary summary) {}
