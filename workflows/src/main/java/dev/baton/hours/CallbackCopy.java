package dev.baton.hours;

/**
 * What the customer is told when no person can take the conversation now. Placeholders: {@code
 * {team}}, {@code {ticket}} ("#123"), {@code {when}} ("by 09:30 tomorrow, Tuesday
 * (Europe/Berlin)"), {@code {position}}, {@code {wait}} ("about 4 minutes").
 *
 * @param promise the queue is closed and a callback ticket was filed
 * @param promiseWithoutTicket no one can take it and the helpdesk refused the ticket
 * @param noAgent the queue is open but no agent is online with room; a ticket was filed
 * @param maxWait no agent picked it up within the longest wait; a ticket was filed
 * @param slaMissed the pickup took longer than promised; still waiting
 * @param queueOpened the queue opened and the conversation is first in line
 * @param addedToTicket the customer wrote while waiting for the callback
 * @param ticketToFollow no one can take it now and the ticket is being filed (the helpdesk was
 *     slow to answer); optional, {@link #TICKET_TO_FOLLOW} when not given
 */
public record CallbackCopy(
    String promise,
    String promiseWithoutTicket,
    String noAgent,
    String maxWait,
    String slaMissed,
    String queueOpened,
    String addedToTicket,
    String ticketToFollow) {
  /** What {@link #ticketToFollow} says when hours.yaml does not say it. */
  public static final String TICKET_TO_FOLLOW =
      "No one from our {team} team can take this right now. I'm logging a ticket with everything you've told me,"
          + " and someone will contact you {when}.";

  @Override
  public String ticketToFollow() {
    return ticketToFollow != null ? ticketToFollow : TICKET_TO_FOLLOW;
  }
}
