package dev.baton.store.conversation;

import dev.baton.escalation.HandoffSummary;
import java.time.Instant;

/**
 * A conversation an agent holds, as their worklist shows it.
 *
 * @param summary the handoff summary; {@code null} when none was stored
 * @param lastCustomerText the customer's last message; {@code null} when they wrote none
 * @param waitingForReplySince when the customer's last message came, if no agent message came
 *     after it: the customer waits for a reply since then; {@code null} when they do not
 */
public record HeldConversation(
    String conversationId,
    String status,
    String queue,
    int priority,
    HandoffSummary summary,
    String lastCustomerText,
    Instant lastCustomerAt,
    Instant waitingForReplySince) {}
