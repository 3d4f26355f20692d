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

  /**
   * The queue's hours and {@link #availability} together: what an escalation reads, in one call
   * instead of two ({@code lean-turns} runs; docs/performance.md).
   */
  QueueSituation situation(String queue, int priority, String conversationId);
}
