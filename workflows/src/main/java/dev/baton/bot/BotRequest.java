package dev.baton.bot;

import dev.baton.conversation.Customer;

/**
 * What the bot gets for one turn.
 *
 * @param previousIntent the intent of the customer's last message, so a follow-up like "and how
 *     long does that take?" can be read in context; {@code null} on the first turn
 * @param turn 1 for the first customer message of the conversation
 * @param agentNote what the agent who handed the conversation back to the bot wrote for it;
 *     {@code null} unless an agent did
 * @param customer who is writing, for bots outside Baton (a webhook) that answer per customer;
 *     {@code null} in requests recorded before bots were pluggable
 */
public record BotRequest(
    String conversationId, String text, String language, String previousIntent, int turn, String agentNote,
    Customer customer) {

  /** A turn no agent has touched. */
  public BotRequest(String conversationId, String text, String language, String previousIntent, int turn) {
    this(conversationId, text, language, previousIntent, turn, null, null);
  }

  /** A request without the customer. */
  public BotRequest(
      String conversationId, String text, String language, String previousIntent, int turn, String agentNote) {
    this(conversationId, text, language, previousIntent, turn, agentNote, null);
  }
}
