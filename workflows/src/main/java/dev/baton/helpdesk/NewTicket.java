package dev.baton.helpdesk;

import dev.baton.conversation.Customer;
import dev.baton.escalation.HandoffSummary;
import java.time.Instant;

/**
 * A callback ticket to create.
 *
 * @param idempotencyKey made by the workflow from the conversation and the purpose; creating twice
 *     with the same key returns the first ticket
 * @param promisedBy when the customer was told someone will contact them; {@code null} when no
 *     opening is known
 * @param transcriptUrl where the full transcript is
 */
public record NewTicket(
    String idempotencyKey,
    String conversationId,
    String queue,
    int priority,
    String subject,
    Customer customer,
    HandoffSummary summary,
    String transcriptUrl,
    Instant promisedBy) {}
