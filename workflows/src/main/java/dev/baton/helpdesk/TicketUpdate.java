package dev.baton.helpdesk;

/**
 * A change to a ticket. Setting a status or priority twice is harmless, so the key only makes the
 * note exactly-once.
 *
 * @param priority the new priority, or {@code null} to keep it
 * @param note an internal note to add with the change, or {@code null}
 */
public record TicketUpdate(
    String idempotencyKey, String ticketId, TicketStatus status, Integer priority, String note) {}
