package dev.baton.store.conversation;

import dev.baton.conversation.ConversationStatus;
import java.time.Instant;
import java.util.List;

/**
 * Which conversations to list: every field is optional ({@code null} matches all). {@code from}
 * and {@code to} bound when the conversation started, {@code from} inclusive, {@code to}
 * exclusive.
 *
 * @param visibleQueues when not {@code null}, only conversations in one of these queues, or held by
 *     {@code visibleHolder}, are listed (an agent sees their own queues)
 */
public record ConversationQuery(
    ConversationStatus status,
    String queue,
    String agent,
    String customer,
    Instant from,
    Instant to,
    List<String> visibleQueues,
    String visibleHolder) {}
