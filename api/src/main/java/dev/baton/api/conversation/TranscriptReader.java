package dev.baton.api.conversation;

import dev.baton.conversation.Author;
import dev.baton.conversation.Callback;
import dev.baton.conversation.ConversationStatus;
import dev.baton.conversation.ConversationView;
import dev.baton.conversation.Customer;
import dev.baton.conversation.Message;
import dev.baton.escalation.Escalation;
import dev.baton.escalation.EscalationReason;
import dev.baton.escalation.HandoffSummary;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the transcript and the conversation read model the worker's activities write. Every
 * message is stored before the turn that produced it returns, so a reply a customer has seen is
 * always here.
 */
@Component
class TranscriptReader {
  private final JdbcTemplate jdbc;
  private final JsonMapper json;

  TranscriptReader(JdbcTemplate jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** The conversation as last recorded, or empty when no conversation has this id. */
  Optional<ConversationView> conversation(String conversationId) {
    return jdbc
        .query(
            """
            select conversation_id, customer_id, customer_name, customer_email, customer_tier,
                   customer_language, channel, status, intent, confidence, sentiment, queue,
                   assigned_agent, last_seq, turns, escalation_reason, escalation_detail,
                   priority, escalation_language, escalated_at, summary, ticket_id,
                   ticket_reference, callback_at, promised_by
              from conversations where conversation_id = ?
            """,
            this::view,
            conversationId)
        .stream()
        .findFirst();
  }

  /** Messages with a sequence number above {@code afterSeq}, oldest first, at most {@code limit}. */
  List<Message> messages(String conversationId, long afterSeq, int limit) {
    return jdbc.query(
        """
        select seq, author, agent_id, text, created_at from messages
         where conversation_id = ? and seq > ? order by seq limit ?
        """,
        TranscriptReader::message,
        conversationId,
        afterSeq,
        limit);
  }

  private ConversationView view(ResultSet row, int n) throws SQLException {
    Customer customer =
        new Customer(
            row.getString("customer_id"),
            row.getString("customer_name"),
            row.getString("customer_email"),
            row.getString("customer_tier"),
            row.getString("customer_language"));
    return new ConversationView(
        row.getString("conversation_id"),
        customer,
        row.getString("channel"),
        ConversationStatus.valueOf(row.getString("status")),
        row.getString("intent"),
        row.getDouble("confidence"),
        row.getDouble("sentiment"),
        row.getString("queue"),
        row.getString("assigned_agent"),
        row.getLong("last_seq"),
        row.getInt("turns"),
        escalation(row),
        summary(row.getString("summary")),
        callback(row));
  }

  private static Callback callback(ResultSet row) throws SQLException {
    java.sql.Timestamp opens = row.getTimestamp("callback_at");
    java.sql.Timestamp promised = row.getTimestamp("promised_by");
    if (row.getString("ticket_reference") == null && opens == null && promised == null) {
      return null;
    }
    return new Callback(
        row.getString("ticket_id"),
        row.getString("ticket_reference"),
        opens == null ? null : opens.toInstant(),
        promised == null ? null : promised.toInstant());
  }

  private static Escalation escalation(ResultSet row) throws SQLException {
    String reason = row.getString("escalation_reason");
    if (reason == null) {
      return null;
    }
    return new Escalation(
        EscalationReason.valueOf(reason),
        row.getString("escalation_detail"),
        row.getString("queue"),
        row.getInt("priority"),
        row.getString("escalation_language"),
        row.getTimestamp("escalated_at").toInstant());
  }

  private HandoffSummary summary(String json) {
    return json == null ? null : this.json.readValue(json, HandoffSummary.class);
  }

  private static Message message(ResultSet row, int n) throws SQLException {
    return new Message(
        row.getLong("seq"),
        Author.valueOf(row.getString("author")),
        row.getString("agent_id"),
        row.getString("text"),
        row.getTimestamp("created_at").toInstant());
  }
}
