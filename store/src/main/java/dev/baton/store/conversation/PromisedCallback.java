package dev.baton.store.conversation;

import java.time.Instant;

/**
 * A callback Baton promised a customer, as the team works through them.
 *
 * @param opensAt when the queue opens (and the conversation goes to the top of its waiting list)
 * @param promisedBy the time the customer was promised a reply by
 */
public record PromisedCallback(
    String conversationId, String customerName, String issue, String ticketReference, Instant opensAt, Instant promisedBy) {}
