package dev.baton.store.tickets;

import dev.baton.helpdesk.TicketStatus;
import java.time.Instant;

/**
 * A ticket of the built-in helpdesk, without its summary and history.
 *
 * @param reference what the customer is told ("#123")
 * @param promisedBy when the customer was promised a callback; {@code null} when no time was
 *     promised
 */
public record TicketRow(
    long id,
    String reference,
    String conversationId,
    String queue,
    int priority,
    TicketStatus status,
    String subject,
    String customerId,
    Instant promisedBy,
    Instant createdAt,
    Instant updatedAt) {}
