package dev.baton.hours;

/**
 * What the customer is told on the after-hours path. Placeholders: {@code {team}}, {@code
 * {ticket}} ("#123"), {@code {when}} ("by 09:30 tomorrow, Tuesday (Europe/Berlin)").
 *
 * @param promise the queue is closed and a callback ticket was filed
 * @param promiseWithoutTicket the queue is closed and the helpdesk refused the ticket
 * @param queueOpened the queue opened and the conversation is first in line
 * @param addedToTicket the customer wrote while waiting for the callback
 */
public record CallbackCopy(
    String promise, String promiseWithoutTicket, String queueOpened, String addedToTicket) {}
