package dev.baton.store.notify;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sends notifications on the {@link Channels}. Inside a transaction a notification is delivered
 * on commit and only then, so a reader woken by it always finds the rows.
 */
public class Notifier {
  private final JdbcTemplate jdbc;

  public Notifier(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** This conversation has news: messages, status, queue or place. */
  public void conversationChanged(String conversationId) {
    send(Channels.CONVERSATION, conversationId);
  }

  /** A waiting list or the agents of {@code queue} changed; {@code null} for any queue. */
  public void queuesChanged(String queue) {
    send(Channels.QUEUES, queue == null ? "" : queue);
  }

  /** Someone is typing in the conversation: {@code author} CUSTOMER or AGENT (with their id). */
  public void typing(String conversationId, String author, String agentId) {
    send(Channels.TYPING, conversationId + "\t" + author + "\t" + (agentId == null ? "" : agentId));
  }

  /** A worker stored a retrained bot model, {@code version}: the other workers load it. */
  public void botModelStored(String version) {
    send(Channels.BOT_MODEL, version);
  }

  private void send(String channel, String payload) {
    jdbc.query("select pg_notify(?, ?)", row -> {}, channel, payload);
  }
}
