package dev.baton.conversation;

import dev.baton.conversation.legacy.CarriedState;

/**
 * Input of a conversation workflow run.
 *
 * @param carried what a run from before {@link ConversationState} handed over; read, never
 *     written (delete with the legacy branches, see docs/operations.md)
 * @param state what the previous run handed over on continue-as-new; {@code null} on the first run
 */
public record ConversationStart(
    String conversationId,
    Customer customer,
    String channel,
    ConversationSettings settings,
    CarriedState carried,
    ConversationState state) {

  public static ConversationStart first(
      String conversationId, Customer customer, String channel, ConversationSettings settings) {
    return new ConversationStart(conversationId, customer, channel, settings, null, null);
  }

  /** The next run's input, carrying {@code state} whole. */
  ConversationStart next(ConversationState state) {
    return new ConversationStart(conversationId, customer, channel, settings, null, state);
  }

  /** Whether this run continues a conversation rather than starting one. */
  boolean continued() {
    return carried != null || state != null;
  }

  /** The state this run starts from. */
  ConversationState initialState() {
    if (state != null) {
      return state;
    }
    return carried != null ? carried.toState() : new ConversationState();
  }
}
