package dev.baton.store.agents;

import dev.baton.agents.Availability;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import dev.baton.store.StoreText;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Agents, their queues, capacity and presence ({@code agents}), and the availability questions
 * both processes ask of them: the workflow's activity before promising a person, the api for a
 * waiting customer's place and the queue overview. One set of queries, so both count alike.
 */
public class AgentStore {
  /** Agents online for the queue (?) with fewer conversations than they can hold. */
  private static final String FREE_AGENTS =
      """
      select count(*) from agents a
       where a.status = 'ONLINE' and ? = any(a.queues)
         and a.max_concurrent > (select count(*) from conversations c
                                  where c.assigned_agent = a.agent_id and c.status = 'AGENT_ACTIVE')""";

  /**
   * Conversations waiting in the queue (?) ahead of one (? its id) of priority (?): higher
   * priority, or the same (?) and escalated before it (? its id again); a conversation not yet
   * recorded as escalated is behind every one of its priority.
   */
  private static final String AHEAD_IN_QUEUE =
      """
      select count(*) from conversations w
       where w.status = 'AWAITING_AGENT' and w.queue = ? and w.conversation_id <> ?
         and (w.priority > ? or (w.priority = ? and w.escalated_at < coalesce(
              (select me.escalated_at from conversations me where me.conversation_id = ?), now())))""";

  /** Average seconds from escalation to takeover over the queue's (?) last 20 pickups. */
  private static final String RECENT_PICKUP_SECONDS =
      """
      select avg(extract(epoch from s.changed_at - c.escalated_at)) from (
        select s.conversation_id, s.changed_at from conversation_status_changes s
          join conversations c on c.conversation_id = s.conversation_id
         where s.to_status = 'AGENT_ACTIVE' and c.queue = ?
         order by s.changed_at desc limit 20) s
      join conversations c on c.conversation_id = s.conversation_id""";

  private final JdbcTemplate jdbc;

  public AgentStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores an agent's presence, queues and capacity; without a name the agent is named by their id. */
  public Agent setPresence(String agentId, String name, String status, List<String> queues, int maxConcurrent) {
    jdbc.update(
        """
        insert into agents (agent_id, name, status, queues, max_concurrent, last_seen)
        values (?, ?, ?, ?, ?, now())
        on conflict (agent_id) do update set name = coalesce(excluded.name, agents.name),
            status = excluded.status, queues = excluded.queues,
            max_concurrent = excluded.max_concurrent, last_seen = now()""",
        agentId,
        name == null ? agentId : StoreText.repair(name),
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
            AgentStore::agent,
            agentId)
        .stream()
        .findFirst();
  }

  /**
   * Whether a person can take a conversation waiting in {@code queue} at {@code priority} now,
   * its place (behind every higher priority, and the same priority escalated earlier) and the
   * expected wait from the queue's recent pickups.
   */
  public Availability availability(String queue, int priority, String conversationId) {
    Integer free = jdbc.queryForObject(FREE_AGENTS, Integer.class, queue);
    Integer ahead =
        jdbc.queryForObject(AHEAD_IN_QUEUE, Integer.class, queue, conversationId, priority, priority, conversationId);
    Double average = jdbc.queryForObject(RECENT_PICKUP_SECONDS, Double.class, queue);
    return Availability.of(nz(free), nz(ahead), average);
  }

  /** Agents online for {@code queue}, full or not. */
  public int online(String queue) {
    return nz(jdbc.queryForObject("select count(*) from agents where status = 'ONLINE' and ? = any(queues)", Integer.class, queue));
  }

  /** Agents online for {@code queue} with room for one more conversation. */
  public int free(String queue) {
    return nz(jdbc.queryForObject(FREE_AGENTS, Integer.class, queue));
  }

  private static int nz(Integer value) {
    return value == null ? 0 : value;
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
