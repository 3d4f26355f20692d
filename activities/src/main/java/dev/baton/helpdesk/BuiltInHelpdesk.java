package dev.baton.helpdesk;

import dev.baton.store.tickets.TicketStatusConflict;
import dev.baton.store.tickets.TicketStore;

/**
 * Baton's own helpdesk: tickets and their events in PostgreSQL, through the store. A repeated
 * create returns the ticket the first one made, and a repeated comment or update adds nothing;
 * a ticket that does not exist or may not move to a status is a rejection, never retried.
 */
public class BuiltInHelpdesk implements Helpdesk {
  private final TicketStore tickets;

  public BuiltInHelpdesk(TicketStore tickets) {
    this.tickets = tickets;
  }

  @Override
  public Ticket createTicket(NewTicket t, boolean retry) {
    long id = tickets.create(t);
    return new Ticket(String.valueOf(id), "#" + id);
  }

  @Override
  public void addComment(TicketComment c) {
    tickets.comment(ticketId(c.ticketId()), c.idempotencyKey(), c.body());
  }

  @Override
  public void updateTicket(TicketUpdate u) {
    long id = ticketId(u.ticketId());
    try {
      if (!tickets.update(id, u.status(), u.priority(), u.note(), u.idempotencyKey())) {
        throw new HelpdeskRejectedException("There is no ticket " + u.ticketId());
      }
    } catch (TicketStatusConflict e) {
      throw new HelpdeskRejectedException("Ticket #" + id + " is " + e.current() + " and cannot become " + e.target());
    }
  }

  private long ticketId(String id) {
    try {
      long value = Long.parseLong(id);
      if (!tickets.exists(value)) {
        throw new HelpdeskRejectedException("There is no ticket " + id);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new HelpdeskRejectedException("There is no ticket " + id);
    }
  }
}
