package dev.baton.store.tickets;

import dev.baton.helpdesk.TicketStatus;
import java.time.Instant;

/**
 * One thing that happened to a ticket.
 *
 * @param kind CREATED, COMMENT or UPDATE
 * @param status the status it moved to; {@code null} when it did not move
 * @param priority the priority it got; {@code null} when unchanged
 */
public record TicketEvent(long id, String kind, String body, TicketStatus status, Integer priority, Instant at) {}
