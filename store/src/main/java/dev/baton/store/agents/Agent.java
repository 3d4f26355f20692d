package dev.baton.store.agents;

import dev.baton.agents.AgentSnapshot;
import java.time.Instant;
import java.util.List;

/**
 * An agent as stored, with the conversations they hold now.
 *
 * @param status ONLINE, AWAY or OFFLINE
 */
public record Agent(
    String agentId, String name, String status, List<String> queues, int maxConcurrent,
    int activeConversations, Instant lastSeen) {

  /** What a takeover's validator decides on. */
  public AgentSnapshot snapshot() {
    return new AgentSnapshot(agentId, name, status, queues, activeConversations, maxConcurrent);
  }
}
