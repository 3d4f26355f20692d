package dev.baton.agents;

/** What agents send to a conversation. */
public final class AgentRequests {
  private AgentRequests() {}

  public record Takeover(AgentSnapshot agent) {}

  /** A message to the customer; {@code clientMessageId} makes a retry safe. */
  public record AgentMessage(String agentId, String clientMessageId, String text) {}

  /** Back to the waiting list of {@code queue}; the note goes into the summary. */
  public record Transfer(String agentId, String queue, String note) {}

  /** Hand back to the bot, or resolve; the note is kept. */
  public record AgentNote(String agentId, String note) {}

  /**
   * Back to the waiting list, first in line, because the holder is gone or a supervisor says so.
   *
   * @param holder the agent expected to hold the conversation; refused if someone else holds it
   *     now (a late sweep must not take it from the next agent). Null for whoever holds it.
   * @param reason why, for the summary and the status history ("alice went offline")
   */
  public record Requeue(String holder, String reason) {}
}
