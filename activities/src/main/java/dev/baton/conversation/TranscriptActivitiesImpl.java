package dev.baton.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.conversation.TranscriptEntry.StatusChange;
import dev.baton.escalation.Escalation;
import java.sql.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes transcript entries to PostgreSQL in one transaction each. Inserts are keyed by the
 * workflow's sequence numbers and ignore repeats; the conversation row only moves forward, so a
 * late retry of an older entry cannot roll the read model back.
 */
@Component
public class TranscriptActivitiesImpl implements TranscriptActivities {
  /** The handoff summary is stored as JSON, in the shape the API returns it. */
  private static final ObjectMapper JSON = new ObjectMapper();
  /** PostgreSQL channels the api listens on for live delivery (see docs/live-delivery.md). */
  static final String CONVERSATION_CHANNEL = "baton_conversation";
  static final String QUEUES_CHANNEL = "baton_queues";
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;

  public TranscriptActivitiesImpl(JdbcTemplate jdbc, TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  @Override
  public void record(TranscriptEntry entry) {
    tx.executeWithoutResult(status -> {
      upsertConversation(entry.conversation());
      for (Message m : entry.messages()) {
        jdbc.update(
            """
            insert into messages (conversation_id, seq, author, agent_id, text, created_at)
            values (?, ?, ?, ?, ?, ?)
            on conflict do nothing""",
            entry.conversation().conversationId(),
            m.seq(),
            m.author().name(),
            m.agentId(),
            m.text(),
            Timestamp.from(m.at()));
      }
      StatusChange change = entry.statusChange();
      if (change != null) {
        jdbc.update(
            """
            insert into conversation_status_changes
                (conversation_id, number, from_status, to_status, reason, changed_at)
            values (?, ?, ?, ?, ?, ?)
            on conflict do nothing""",
            entry.conversation().conversationId(),
            change.number(),
            change.from().name(),
            change.to().name(),
            change.reason(),
            Timestamp.from(change.at()));
      }
      notifyReaders(entry);
    });
  }

  /**
   * Tells every api instance listening on PostgreSQL that this conversation has news, and its
   * queue too when a waiting list may have changed: on a status change, and on any write while
   * the conversation waits (a missed pickup SLA moves it to an overflow queue or raises its
   * priority without changing its status). Sent inside the transaction, so it is delivered on
   * commit and only then: a reader woken by it always finds the rows. Ids only; readers fetch
   * the rest.
   */
  private void notifyReaders(TranscriptEntry entry) {
    ConversationView c = entry.conversation();
    pgNotify(CONVERSATION_CHANNEL, c.conversationId());
    if (entry.statusChange() != null || c.status() == ConversationStatus.AWAITING_AGENT) {
      pgNotify(QUEUES_CHANNEL, c.queue() == null ? "" : c.queue());
    }
  }

  private void pgNotify(String channel, String payload) {
    jdbc.query("select pg_notify(?, ?)", row -> {}, channel, payload);
  }

  private void upsertConversation(ConversationView c) {
    Customer customer = c.customer();
    Escalation escalation = c.escalation();
    Callback callback = c.callback();
    jdbc.update(
        """
        insert into conversations (conversation_id, customer_id, customer_name, customer_email,
            customer_tier, customer_language, channel, status, intent, confidence, sentiment,
            queue, assigned_agent, last_seq, turns, escalation_reason, escalation_detail, priority,
            escalation_language, escalated_at, summary, ticket_id, ticket_reference, callback_at,
            promised_by)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?)
        on conflict (conversation_id) do update set
            status = excluded.status, intent = excluded.intent, confidence = excluded.confidence,
            sentiment = excluded.sentiment, queue = excluded.queue,
            assigned_agent = excluded.assigned_agent, last_seq = excluded.last_seq,
            turns = excluded.turns, escalation_reason = excluded.escalation_reason,
            escalation_detail = excluded.escalation_detail, priority = excluded.priority,
            escalation_language = excluded.escalation_language,
            escalated_at = excluded.escalated_at, summary = excluded.summary,
            ticket_id = excluded.ticket_id, ticket_reference = excluded.ticket_reference,
            callback_at = excluded.callback_at, promised_by = excluded.promised_by, updated_at = now()
        where conversations.last_seq <= excluded.last_seq""",
        c.conversationId(),
        customer.id(),
        customer.name(),
        customer.email(),
        customer.tier(),
        customer.language(),
        c.channel(),
        c.status().name(),
        c.intent(),
        c.intent() == null ? null : c.confidence(),
        c.intent() == null ? null : c.sentiment(),
        c.queue(),
        c.assignedAgent(),
        c.lastSeq(),
        c.turns(),
        escalation == null ? null : escalation.reason().name(),
        escalation == null ? null : escalation.detail(),
        escalation == null ? null : escalation.priority(),
        escalation == null ? null : escalation.language(),
        escalation == null ? null : Timestamp.from(escalation.at()),
        c.summary() == null ? null : json(c.summary()),
        callback == null ? null : callback.ticketId(),
        callback == null ? null : callback.ticketReference(),
        callback == null || callback.opensAt() == null ? null : Timestamp.from(callback.opensAt()),
        callback == null || callback.promisedBy() == null ? null : Timestamp.from(callback.promisedBy()));
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }
}
