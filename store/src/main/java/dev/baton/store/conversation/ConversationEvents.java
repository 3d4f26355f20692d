package dev.baton.store.conversation;

import dev.baton.conversation.ConversationStatus;
import dev.baton.conversation.ConversationView;
import dev.baton.conversation.TranscriptEntry.StatusChange;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code conversation_events} rows a status change stands for: what the numbers count
 * (escalations with their reason, takeovers with their wait, transfers, resolutions, abandonment,
 * callbacks with their promise). Derived here, at the transcript write the workflow already makes,
 * so the workflow needs no change and old histories replay as they were.
 */
final class ConversationEvents {
  /** AgentPhase's words for a transfer; a requeue by a supervisor or for a stranded holder says otherwise. */
  private static final String TRANSFERRED = "Transferred by ";

  private final JdbcTemplate jdbc;

  ConversationEvents(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** An event of one kind, with its phase (see the migration) or null. */
  record Event(String kind, String phase) {}

  /** The events of a move from {@code from} to {@code to}; empty for moves the numbers do not count. */
  static List<Event> of(StatusChange change, ConversationView after) {
    ConversationStatus from = change.from();
    List<Event> events = new ArrayList<>();
    switch (change.to()) {
      case AWAITING_AGENT -> {
        if (from == ConversationStatus.BOT_ACTIVE) {
          events.add(new Event("ESCALATED", null));
        } else if (from == ConversationStatus.AGENT_ACTIVE) {
          boolean transfer = change.reason() != null && change.reason().startsWith(TRANSFERRED);
          events.add(new Event(transfer ? "TRANSFERRED" : "RETURNED", null));
        }
      }
      case CALLBACK_SCHEDULED -> {
        if (from == ConversationStatus.BOT_ACTIVE) {
          events.add(new Event("ESCALATED", null));
        }
        events.add(new Event("CALLBACK_CREATED", null));
      }
      case AGENT_ACTIVE -> events.add(new Event("TAKEN_OVER", from.name()));
      case BOT_ACTIVE -> {
        if (from == ConversationStatus.AGENT_ACTIVE) {
          events.add(new Event("RELEASED", null));
        }
      }
      case RESOLVED -> {
        boolean byBot = from == ConversationStatus.BOT_ACTIVE && after.escalation() == null;
        events.add(new Event("RESOLVED", byBot ? "BOT" : "AFTER_HANDOFF"));
      }
      case ABANDONED, CLOSED -> {
        // The idle timeout ends a conversation the bot holds; a customer who closes the chat
        // while waiting for a person gave up on the queue. Closing while the bot or an agent
        // holds it, or after a callback was promised, is an ending, not abandonment.
        if (from == ConversationStatus.AWAITING_AGENT) {
          events.add(new Event("ABANDONED", "IN_QUEUE"));
        } else if (change.to() == ConversationStatus.ABANDONED && from == ConversationStatus.BOT_ACTIVE) {
          events.add(new Event("ABANDONED", "BOT_PHASE"));
        } else {
          events.add(new Event("CLOSED", from.name()));
        }
      }
    }
    return events;
  }

  /** Writes the events of {@code change}; call inside the transaction that writes the change itself. */
  void record(StatusChange change, ConversationView after) {
    for (Event event : of(change, after)) {
      boolean takeover = event.kind().equals("TAKEN_OVER");
      boolean callback = event.kind().equals("CALLBACK_CREATED");
      jdbc.update(
          """
          insert into conversation_events (conversation_id, number, kind, phase, at, channel, intent,
              queue, reason, agent_id, waited_ms, promised_by)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
              case when ? then (select (extract(epoch from (cast(? as timestamptz) - changed_at)) * 1000)::bigint
                  from conversation_status_changes
                 where conversation_id = ? and number < ? and to_status in ('AWAITING_AGENT', 'CALLBACK_SCHEDULED')
                 order by number desc limit 1) end,
              ?)
          on conflict do nothing""",
          after.conversationId(),
          change.number(),
          event.kind(),
          event.phase(),
          Timestamp.from(change.at()),
          after.channel(),
          after.intent(),
          after.queue(),
          after.escalation() == null ? null : after.escalation().reason().name(),
          after.assignedAgent(),
          takeover,
          Timestamp.from(change.at()),
          after.conversationId(),
          change.number(),
          callback && after.callback() != null && after.callback().promisedBy() != null
              ? Timestamp.from(after.callback().promisedBy())
              : null);
    }
  }
}
