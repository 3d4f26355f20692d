package dev.baton.conversation;

/**
 * Input of a conversation workflow run.
 *
 * @param carried state handed over by the previous run when the conversation continued as new;
 *     {@code null} on the first run
 */
public record ConversationStart(
    String conversationId,
    Customer customer,
    String channel,
    ConversationSettings settings,
    CarriedState carried) {

  public static ConversationStart first(
      String conversationId, Customer customer, String channel, ConversationSettings settings) {
    return new ConversationStart(conversationId, customer, channel, settings, null);
  }
}
