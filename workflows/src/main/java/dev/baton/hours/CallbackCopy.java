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
 */
public record CallbackCopy(
    String promise,
    String promiseWithoutTicket,
    String noAgent,
    String maxWait,
    String slaMissed,
    String queueOpened,
    String addedToTicket) {}
