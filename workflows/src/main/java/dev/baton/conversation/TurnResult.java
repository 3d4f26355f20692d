package dev.baton.conversation;

import java.util.List;

/** What the customer sees after one message: the conversation's status and the new replies. */
public record TurnResult(ConversationStatus status, List<Message> replies) {}
