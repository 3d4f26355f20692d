package dev.baton.bot;

/**
 * What the bot gets for one turn.
 *
 * @param previousIntent the intent of the customer's last message, so a follow-up like "and how
 *     long does that take?" can be read in context; {@code null} on the first turn
 * @param turn 1 for the first customer message of the conversation
 */
public record BotRequest(
    String conversationId, String text, String language, String previousIntent, int turn) {}
