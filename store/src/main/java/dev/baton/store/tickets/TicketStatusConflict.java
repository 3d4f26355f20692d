package dev.baton.store.tickets;

import dev.baton.helpdesk.TicketStatus;

/** A status move the ticket's current status does not allow ({@link TicketStatus#canMoveTo}). */
public class TicketStatusConflict extends RuntimeException {
  private final long ticketId;
  private final TicketStatus current;
  private final TicketStatus target;

  public TicketStatusConflict(long ticketId, TicketStatus current, TicketStatus target) {
    super("Ticket #" + ticketId + " is " + current + " and cannot become " + target + ".");
    this.ticketId = ticketId;
    this.current = current;
    this.target = target;
  }

  public long ticketId() {
    return ticketId;
  }

  public TicketStatus current() {
    return current;
  }

  public TicketStatus target() {
    return target;
  }
}
