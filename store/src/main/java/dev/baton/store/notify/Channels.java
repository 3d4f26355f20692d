package dev.baton.store.notify;

/**
 * The PostgreSQL channels the store notifies on, and the api (and, for the bot's models, the
 * worker) listens to. Payloads are ids only; a listener reads what changed from the tables, so a
 * lost or coalesced notification loses nothing.
 */
public final class Channels {
  /** Payload: the conversation id. Sent with every transcript write. */
  public static final String CONVERSATION = "baton_conversation";
  /** Payload: the queue concerned, or empty for "any queue". Sent when waiting lists may change. */
  public static final String QUEUES = "baton_queues";
  /**
   * Payload: {@code conversationId TAB author TAB agentId} (agent id empty for the customer). Sent
   * when someone types in a conversation; ephemeral, nothing is stored, and a lost one loses
   * nothing but a moment of "is typing".
   */
  public static final String TYPING = "baton_typing";
  /**
   * Payload: the version of a bot model a worker has just trained and stored ({@code
   * bot_model_files}). Every worker listens, and loads it when it is the newest of its catalogue.
   */
  public static final String BOT_MODEL = "baton_bot_model";

  private Channels() {}
}
