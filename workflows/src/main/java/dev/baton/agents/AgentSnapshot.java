package dev.baton.agents;

import java.util.List;

/**
 * An agent as the API found them just before a takeover: the workflow's validator decides on
 * this, since a validator cannot look anything up itself.
 *
 * @param status ONLINE, AWAY or OFFLINE
 * @param activeConversations conversations the agent holds now
 */
public record AgentSnapshot(
    String agentId, String name, String status, List<String> queues, int activeConversations, int maxConcurrent) {

  /** The same agent under the name the conversation's sentences use for them. */
  public AgentSnapshot named(String displayName) {
    return new AgentSnapshot(agentId, displayName, status, queues, activeConversations, maxConcurrent);
  }

  public boolean online() {
    return "ONLINE".equals(status);
  }

  public boolean serves(String queue) {
    return queues != null && queues.contains(queue);
  }

  public boolean hasRoom() {
    return activeConversations < maxConcurrent;
  }
}
