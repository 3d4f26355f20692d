package dev.baton.helpdesk;

/** A note added to a ticket, e.g. a message the customer wrote while waiting. */
public record TicketComment(String idempotencyKey, String ticketId, String body) {}
