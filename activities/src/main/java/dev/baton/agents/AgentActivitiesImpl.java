package dev.baton.agents;

import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Agent availability from PostgreSQL: who is online for a queue with room, where a conversation
 * stands in the queue, and how long pickups took lately.
 */
@Component
public class AgentActivitiesImpl implements AgentActivities {
  /** The estimate before a queue has any pickups to learn from. */
  static final Duration FIRST_ESTIMATE = Duration.ofMinutes(2);

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
    int position = (ahead == null ? 0 : ahead) + 1;
    Double average = jdbc.queryForObject(AgentQueries.RECENT_PICKUP_SECONDS, Double.class, queue);
    Duration pickup = average == null ? FIRST_ESTIMATE : Duration.ofSeconds(Math.round(average));
    int agents = free == null ? 0 : free;
    long rounds = (position + Math.max(agents, 1) - 1) / Math.max(agents, 1);
    return new Availability(agents, position, pickup.multipliedBy(rounds));
  }
}
