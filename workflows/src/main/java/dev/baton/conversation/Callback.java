package dev.baton.conversation;

import java.time.Instant;

/**
 * The callback a conversation escalated out of hours is waiting for.
 *
 * @param ticketId the helpdesk's ticket id; {@code null} when the helpdesk refused the ticket
 * @param ticketReference what the customer was told ("#123")
 * @param opensAt when the queue opens and the conversation goes to the head of it; {@code null}
 *     when no opening is known
 * @param promisedBy when the customer was promised a contact
 */
public record Callback(String ticketId, String ticketReference, Instant opensAt, Instant promisedBy) {}
