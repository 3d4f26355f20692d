package dev.baton.conversation;

/**
 * A message the customer typed.
 *
 * @param clientMessageId the front end's id for this message; a retry with the same id returns
 *     the first answer instead of running the bot again
 */
public record CustomerMessage(String clientMessageId, String text) {}
