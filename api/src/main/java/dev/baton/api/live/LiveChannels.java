package dev.baton.api.live;

/**
 * The PostgreSQL channels the worker's transcript writes notify on. Payloads are ids only; a
 * listener reads what changed from the tables, so a lost or coalesced notification loses nothing.
 */
public final class LiveChannels {
  /** Payload: the conversation id. Sent with every transcript write. */
  public static final String CONVERSATION = "baton_conversation";
  /** Payload: the queue concerned, or empty for "any queue". Sent when waiting lists may change. */
  public static final String QUEUES = "baton_queues";

  private LiveChannels() {}
}
