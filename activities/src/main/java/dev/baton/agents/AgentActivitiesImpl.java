package dev.baton.agents;

import dev.baton.hours.HoursActivities;
import dev.baton.store.agents.AgentStore;
import org.springframework.stereotype.Component;

/**
 * Agent availability from PostgreSQL: who is online for a queue with room, where a conversation
 * stands in the queue, and how long pickups took lately.
 */
@Component
public class AgentActivitiesImpl implements AgentActivities {
  private final AgentStore agents;
  private final HoursActivities hours;

  public AgentActivitiesImpl(AgentStore agents, HoursActivities hours) {
    this.agents = agents;
    this.hours = hours;
  }

  @Override
  public QueueSituation situation(String queue, int priority, String conversationId) {
    return new QueueSituation(hours.schedule(queue), agents.availability(queue, priority, conversationId));
  }

  @Override
  public Availability availability(String queue, int priority, String conversationId) {
    return agents.availability(queue, priority, conversationId);
  }
}
