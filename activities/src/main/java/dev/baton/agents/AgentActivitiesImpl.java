package dev.baton.agents;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Agent availability from PostgreSQL: who is online for a queue with room, where a conversation
 * stands in the queue, and how long pickups took lately.
 */
@Component
public class AgentActivitiesImpl implements AgentActivities {
  private final JdbcTemplate jdbc;

  public AgentActivitiesImpl(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Availability availability(String queue, int priority, String conversationId) {
    Integer free = jdbc.queryForObject(AgentQueries.FREE_AGENTS, Integer.class, queue);
    Integer ahead =
        jdbc.queryForObject(
            AgentQueries.AHEAD_IN_QUEUE, Integer.class, queue, conversationId, priority, priority, conversationId);
    Double average = jdbc.queryForObject(AgentQueries.RECENT_PICKUP_SECONDS, Double.class, queue);
    return Availability.of(free == null ? 0 : free, ahead == null ? 0 : ahead, average);
  }
}
