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
}
