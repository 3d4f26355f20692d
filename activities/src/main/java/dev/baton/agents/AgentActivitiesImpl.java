package dev.baton.agents;

import dev.baton.store.agents.AgentStore;
import org.springframework.stereotype.Component;

/**
 * Agent availability from PostgreSQL: who is online for a queue with room, where a conversation
 * stands in the queue, and how long pickups took lately.
 */
@Component
public class AgentActivitiesImpl implements AgentActivities {
  private final AgentStore agents;

  public AgentActivitiesImpl(AgentStore agents) {
    this.agents = agents;
  }

  @Override
  public Availability availability(String queue, int priority, String conversationId) {
    return agents.availability(queue, priority, conversationId);
  }
}
