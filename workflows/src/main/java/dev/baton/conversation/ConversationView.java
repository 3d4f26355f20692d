package dev.baton.conversation;

import dev.baton.escalation.Escalation;
import dev.baton.escalation.HandoffSummary;

/**
 * The live state of one conversation, as the workflow query returns it.
 *
 * @param queue the queue the conversation is routed to; {@code null} while the bot holds it
 * @param assignedAgent the agent holding the conversation; {@code null} unless an agent does
 * @param lastSeq sequence number of the newest transcript message
 * @param escalation why, where and how urgently a person was brought in; {@code null} before
 * @param summary what the person taking over reads first; {@code null} before escalation
 * @param callback the callback promised out of hours; {@code null} unless there is one
 */
public record ConversationView(
    String conversationId,
    Customer customer,
    String channel,
    ConversationStatus status,
    String intent,
    double confidence,
    double sentiment,
    String queue,
    String assignedAgent,
    long lastSeq,
    int turns,
    Escalation escalation,
    HandoffSummary summary,
    Callback callback) {}
