package dev.baton.helpdesk;

/**
 * One helpdesk behind {@link HelpdeskActivities}. Implementations throw {@link
 * HelpdeskRejectedException} for requests the helpdesk will never accept, {@link
 * HelpdeskUnavailableException} for those worth retrying.
 */
public interface Helpdesk {
  /**
   * @param retry whether an earlier attempt of this call may have created the ticket already (the
   *     answer lost to a timeout or a dying worker): only then is it worth looking for it first
   */
  Ticket createTicket(NewTicket ticket, boolean retry);

  void addComment(TicketComment comment);

  void updateTicket(TicketUpdate update);
}
