package dev.baton.store.conversation;

import java.time.Instant;

/**
 * One of the customer's other conversations, as an agent sees it next to the one they hold.
 *
 * @param issue the handoff summary's primary issue; {@code null} when it never reached a person
 * @param ticketReference the helpdesk ticket filed for it; {@code null} when none was
 */
public record EarlierConversation(
    String conversationId, String status, String intent, String issue, String ticketReference, Instant startedAt) {}
