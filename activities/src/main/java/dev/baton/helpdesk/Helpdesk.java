package dev.baton.helpdesk;

/**
 * One helpdesk behind {@link HelpdeskActivities}. Implementations throw {@link
 * HelpdeskRejectedException} for requests the helpdesk will never accept, {@link
 * HelpdeskUnavailableException} for those worth retrying.
 */
public interface Helpdesk {
  Ticket createTicket(NewTicket ticket);

  void addComment(TicketComment comment);

  void updateTicket(TicketUpdate update);
}
