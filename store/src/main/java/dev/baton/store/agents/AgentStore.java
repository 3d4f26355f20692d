package dev.baton.store.agents;

import dev.baton.agents.Availability;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import dev.baton.store.StoreText;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Agents, their queues, capacity and presence ({@code agents}), and the availability questions
 * both processes ask of them: the workflow's activity before promising a person, the api for a
 * waiting customer's place and the queue overview. One set of queries, so both count alike.
 *
 * <p>Presence expires: an agent whose last heartbeat is older than the presence timeout counts as
 * OFFLINE everywhere, at once, whatever their row still says ({@link #expire} then writes it).
 * Capacity counts the conversations an agent holds and the takeovers admitted for them but not yet
 * recorded ({@link #reserve}), so two takeovers at capacity cannot both pass.
 */
public class AgentStore {
  /** The presence timeout when none is configured. */
  public static final Duration DEFAULT_PRESENCE_TIMEOUT = Duration.ofSeconds(60);
  /**
   * How long an admitted takeover holds its place without being recorded: far longer than a
   * takeover call may take (the api's turn timeout), short enough that a crashed api's leftover
   * costs an agent one place for a moment only.
   */
  static final Duration RESERVATION_LIFETIME = Duration.ofMinutes(2);

  /** The conversations agent {@code a} holds now, and those admitted for them in flight. */
  private static final String LOAD =
      """
      (select count(*) from (
         select c.conversation_id from conversations c
          where c.assigned_agent = a.agent_id and c.status = 'AGENT_ACTIVE'
         union
         select r.conversation_id from takeover_reservations r
          where r.agent_id = a.agent_id and r.reserved_at > now() - interval '%d milliseconds') held)"""
          .formatted(RESERVATION_LIFETIME.toMillis());

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
  private final TransactionTemplate tx;
  /** {@code a.status = 'ONLINE'}, and seen within the presence timeout. */
  private final String online;
  private final String freeAgents;
  private final Duration presenceTimeout;

  public AgentStore(JdbcTemplate jdbc) {
    this(jdbc, new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource())), DEFAULT_PRESENCE_TIMEOUT);
  }

  /** @param presenceTimeout how long after their last heartbeat an agent stops counting as online */
  public AgentStore(JdbcTemplate jdbc, TransactionTemplate tx, Duration presenceTimeout) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.presenceTimeout = presenceTimeout;
    this.online = "a.status = 'ONLINE' and " + seen("a", presenceTimeout);
    this.freeAgents =
        "select count(*) from agents a where " + online + " and ? = any(a.queues) and a.max_concurrent > " + LOAD;
  }

  /** {@code alias.last_seen} within {@code timeout}; a number the store made, never a caller's text. */
  private static String seen(String alias, Duration timeout) {
    return alias + ".last_seen > now() - interval '" + timeout.toMillis() + " milliseconds'";
  }

  public Duration presenceTimeout() {
    return presenceTimeout;
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
            select a.agent_id, a.name, a.queues, a.max_concurrent, a.last_seen,
                   case when a.status <> 'OFFLINE' and not (%s) then 'OFFLINE' else a.status end as status,
                   (select count(*) from conversations c
                     where c.assigned_agent = a.agent_id and c.status = 'AGENT_ACTIVE') as active
              from agents a where a.agent_id = ?"""
                .formatted(seen("a", presenceTimeout)),
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
    Integer free = jdbc.queryForObject(freeAgents, Integer.class, queue);
    Integer ahead =
        jdbc.queryForObject(AHEAD_IN_QUEUE, Integer.class, queue, conversationId, priority, priority, conversationId);
    Double average = jdbc.queryForObject(RECENT_PICKUP_SECONDS, Double.class, queue);
    return Availability.of(nz(free), nz(ahead), average);
  }

  /** Agents online for {@code queue}, full or not. */
  public int online(String queue) {
    return nz(jdbc.queryForObject("select count(*) from agents a where " + online + " and ? = any(a.queues)", Integer.class, queue));
  }

  /** Agents online for {@code queue} with room for one more conversation. */
  public int free(String queue) {
    return nz(jdbc.queryForObject(freeAgents, Integer.class, queue));
  }

  /**
   * The agent is still there: their presence is renewed. Refused (false) for an agent who is
   * OFFLINE or whose presence already expired: they go online again, knowingly.
   */
  public boolean heartbeat(String agentId) {
    return jdbc.update(
            "update agents a set last_seen = now() where a.agent_id = ? and a.status <> 'OFFLINE' and " + seen("a", presenceTimeout),
            agentId)
        == 1;
  }

  /**
   * Writes OFFLINE for every agent whose presence expired, and returns their ids, so the queue
   * streams can be told (the counts above already left them out).
   */
  public List<String> expire() {
    return jdbc.queryForList(
        "update agents a set status = 'OFFLINE' where a.status <> 'OFFLINE' and not (" + seen("a", presenceTimeout)
            + ") returning a.agent_id",
        String.class);
  }

  /** A conversation held by an agent who is gone. */
  public record Stranded(String conversationId, String agentId) {}

  /**
   * Conversations held by an agent who is OFFLINE, or has not been seen for {@code silence}: they
   * go back to the waiting list.
   */
  public List<Stranded> stranded(Duration silence) {
    return jdbc.query(
        """
        select c.conversation_id, c.assigned_agent from conversations c
          left join agents a on a.agent_id = c.assigned_agent
         where c.status = 'AGENT_ACTIVE'
           and (a.agent_id is null or a.status = 'OFFLINE' or not (%s))
         order by c.updated_at"""
            .formatted(seen("a", silence)),
        (rs, n) -> new Stranded(rs.getString(1), rs.getString(2)));
  }

  /**
   * Admits a takeover of {@code conversationId} by {@code agentId} against the agent's capacity,
   * atomically: under a lock on the agent's row, the conversations they hold and the takeovers
   * already admitted for them are counted, and a place is reserved only if one is left. Of any
   * number of concurrent takeovers by one agent, at most their free places pass. Call {@link
   * #release} when the takeover has answered, whatever it answered.
   *
   * @return false when the agent is not online or has no room
   */
  public boolean reserve(String agentId, String conversationId) {
    Boolean admitted =
        tx.execute(
            status -> {
              // The lock first, then the count in a statement of its own: under READ COMMITTED
              // a statement that waited for the lock would still count with the snapshot it
              // started with, and miss the reservation its predecessor just committed.
              if (jdbc.queryForList("select 1 from agents where agent_id = ? for update", agentId).isEmpty()) {
                return false;
              }
              List<Boolean> room =
                  jdbc.query(
                      "select " + online + " and a.max_concurrent > " + LOAD + " from agents a where a.agent_id = ?",
                      (rs, n) -> rs.getBoolean(1),
                      agentId);
              if (room.isEmpty() || !room.get(0)) {
                return false;
              }
              jdbc.update(
                  """
                  insert into takeover_reservations (agent_id, conversation_id) values (?, ?)
                  on conflict (agent_id, conversation_id) do update set reserved_at = now()""",
                  agentId,
                  conversationId);
              return true;
            });
    return Boolean.TRUE.equals(admitted);
  }

  /** The takeover has answered: from now on the conversation counts as held, or not at all. */
  public void release(String agentId, String conversationId) {
    jdbc.update("delete from takeover_reservations where agent_id = ? and conversation_id = ?", agentId, conversationId);
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
