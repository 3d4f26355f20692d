package dev.baton.api.agent;

import dev.baton.agents.AgentQueries;
import dev.baton.agents.Availability;
import dev.baton.agents.AgentSnapshot;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Agents and their presence in PostgreSQL, and where a waiting conversation stands. */
@Component
public class AgentDirectory {
  private final JdbcTemplate jdbc;

  AgentDirectory(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** An agent as the console shows them. */
  public record Agent(
      String agentId, String name, String status, List<String> queues, int maxConcurrent,
      int activeConversations, Instant lastSeen) {

    public AgentSnapshot snapshot() {
      return new AgentSnapshot(agentId, name, status, queues, activeConversations, maxConcurrent);
    }
  }

  /** A waiting conversation's place in its queue and the expected wait. */
  public record Place(int position, Duration estimatedWait) {}

  Agent setPresence(String agentId, String name, String status, List<String> queues, int maxConcurrent) {
    jdbc.update(
        """
        insert into agents (agent_id, name, status, queues, max_concurrent, last_seen)
        values (?, ?, ?, ?, ?, now())
        on conflict (agent_id) do update set name = coalesce(excluded.name, agents.name),
            status = excluded.status, queues = excluded.queues,
            max_concurrent = excluded.max_concurrent, last_seen = now()""",
        agentId,
        name == null ? agentId : name,
        status,
        queues.toArray(String[]::new),
        maxConcurrent);
    return find(agentId).orElseThrow();
  }

  public Optional<Agent> find(String agentId) {
    return jdbc
        .query(
            """
            select a.agent_id, a.name, a.status, a.queues, a.max_concurrent, a.last_seen,
                   (select count(*) from conversations c
                     where c.assigned_agent = a.agent_id and c.status = 'AGENT_ACTIVE') as active
              from agents a where a.agent_id = ?""",
            AgentDirectory::agent,
            agentId)
        .stream()
        .findFirst();
  }

  /**
   * Where a conversation waiting in {@code queue} at {@code priority} stands: behind every
   * higher priority, and behind the same priority escalated earlier.
   */
  public Place place(String conversationId, String queue, int priority) {
    Integer ahead =
        jdbc.queryForObject(
            AgentQueries.AHEAD_IN_QUEUE, Integer.class, queue, conversationId, priority, priority, conversationId);
    Integer free = jdbc.queryForObject(AgentQueries.FREE_AGENTS, Integer.class, queue);
    Double average = jdbc.queryForObject(AgentQueries.RECENT_PICKUP_SECONDS, Double.class, queue);
    Availability estimate = Availability.of(free == null ? 0 : free, ahead == null ? 0 : ahead, average);
    return new Place(estimate.position(), estimate.estimatedWait());
  }

  private static Agent agent(ResultSet rs, int n) throws SQLException {
    Array queues = rs.getArray("queues");
    return new Agent(
        rs.getString("agent_id"),
        rs.getString("name"),
        rs.getString("status"),
        queues == null ? List.of() : Arrays.asList((String[]) queues.getArray()),
        rs.getInt("max_concurrent"),
        rs.getInt("active"),
        rs.getTimestamp("last_seen").toInstant());
  }
}
