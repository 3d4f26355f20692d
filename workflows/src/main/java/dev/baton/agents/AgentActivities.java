package dev.baton.agents;

import io.temporal.activity.ActivityInterface;

/** What the workflow asks about agents (PostgreSQL: presence, capacity, recent pickups). */
@ActivityInterface
public interface AgentActivities {

  /**
   * @param priority the conversation's priority, for its place in the queue
   * @param conversationId the conversation asking, not counted as ahead of itself
   */
  Availability availability(String queue, int priority, String conversationId);
}
