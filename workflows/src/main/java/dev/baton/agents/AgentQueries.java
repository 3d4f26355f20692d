package dev.baton.agents;

/**
 * The SQL behind agent availability, shared by the worker's activity and the API's queue views so
 * both count the same way. Only text here: the queries run in those modules.
 */
public final class AgentQueries {
  private AgentQueries() {}

  /** Agents online for the queue (?) with fewer conversations than they can hold. */
  public static final String FREE_AGENTS =
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
  public static final String AHEAD_IN_QUEUE =
      """
      select count(*) from conversations w
       where w.status = 'AWAITING_AGENT' and w.queue = ? and w.conversation_id <> ?
         and (w.priority > ? or (w.priority = ? and w.escalated_at < coalesce(
              (select me.escalated_at from conversations me where me.conversation_id = ?), now())))""";

  /** Average seconds from escalation to takeover over the queue's (?) last 20 pickups. */
  public static final String RECENT_PICKUP_SECONDS =
      """
      select avg(extract(epoch from s.changed_at - c.escalated_at)) from (
        select s.conversation_id, s.changed_at from conversation_status_changes s
          join conversations c on c.conversation_id = s.conversation_id
         where s.to_status = 'AGENT_ACTIVE' and c.queue = ?
         order by s.changed_at desc limit 20) s
      join conversations c on c.conversation_id = s.conversation_id""";
}
