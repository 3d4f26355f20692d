package dev.baton.store.conversation;

import dev.baton.conversation.Author;
import dev.baton.conversation.Callback;
import dev.baton.conversation.ConversationStatus;
import dev.baton.conversation.ConversationView;
import dev.baton.conversation.Customer;
import dev.baton.conversation.Message;
import dev.baton.conversation.TranscriptEntry;
import dev.baton.conversation.TranscriptEntry.StatusChange;
import dev.baton.escalation.Escalation;
import dev.baton.escalation.EscalationReason;
import dev.baton.escalation.HandoffSummary;
import dev.baton.store.StoreJson;
import dev.baton.store.StoreText;
import dev.baton.store.notify.Notifier;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The conversation read model, its transcript, its status changes, the events the numbers count
 * and its rating ({@code conversations}, {@code messages}, {@code conversation_status_changes},
 * {@code conversation_events}, {@code csat}).
 * The worker writes with {@link #record}; the api reads, and stores ratings.
 *
 * <p>Inserts are keyed by the workflow's sequence numbers and ignore repeats; the conversation
 * row only moves forward, so a late retry of an older entry cannot roll the read model back.
 */
public class ConversationStore {
  private static final Logger log = LoggerFactory.getLogger(ConversationStore.class);
  private static final String VIEW_COLUMNS =
      """
      conversation_id, customer_id, customer_name, customer_email, customer_tier,
      customer_language, customer_verified, channel, status, intent, confidence, sentiment, queue,
      assigned_agent, last_seq, turns, escalation_reason, escalation_detail,
      priority, escalation_language, escalated_at, summary::text as summary, ticket_id,
      ticket_reference, callback_at, promised_by""";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final Notifier notifier;
  private final ConversationEvents events;

  public ConversationStore(JdbcTemplate jdbc, TransactionTemplate tx, Notifier notifier) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.notifier = notifier;
    this.events = new ConversationEvents(jdbc);
  }

  /**
   * Writes one transcript entry in one transaction, and tells the listeners on commit. Text
   * PostgreSQL would refuse is repaired first ({@link StoreText}), so one bad line never blocks
   * the writes after it; the repair is logged for operators and shows as U+FFFD in the transcript.
   */
  public void record(TranscriptEntry given) {
    StoreText.Repaired<TranscriptEntry> repaired = StoreText.repair(given, TranscriptEntry.class);
    TranscriptEntry entry = repaired.value();
    if (repaired.strings() > 0) {
      log.warn(
          "Conversation {}: {} text field(s) held characters PostgreSQL refuses; written with U+FFFD in their place",
          entry.conversation().conversationId(), repaired.strings());
    }
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
        events.record(change, entry.conversation());
      }
      notifyReaders(entry);
    });
  }

  /** The conversation as last recorded, or empty when no conversation has this id. */
  public Optional<ConversationView> find(String conversationId) {
    return jdbc
        .query(
            "select " + VIEW_COLUMNS + " from conversations where conversation_id = ?",
            ConversationStore::view,
            conversationId)
        .stream()
        .findFirst();
  }

  /**
   * Conversations matching {@code query}, newest first, at most {@code limit}, after the
   * conversation {@code after} (from the previous page; {@code null} for the first).
   */
  public List<ListedConversation> list(ConversationQuery query, ListedConversation.Position after, int limit) {
    StringBuilder sql =
        new StringBuilder(
            """
            select conversation_id, status, customer_id, customer_tier, customer_verified, channel, intent, queue,
                   assigned_agent, escalation_reason, priority, escalated_at, created_at, updated_at
              from conversations where true""");
    List<Object> args = new ArrayList<>();
    where(sql, args, "status = ?", query.status() == null ? null : query.status().name());
    where(sql, args, "queue = ?", query.queue());
    where(sql, args, "assigned_agent = ?", query.agent());
    where(sql, args, "customer_id = ?", query.customer());
    where(sql, args, "created_at >= ?", query.from() == null ? null : Timestamp.from(query.from()));
    where(sql, args, "created_at < ?", query.to() == null ? null : Timestamp.from(query.to()));
    if (query.visibleQueues() != null) {
      sql.append(" and (assigned_agent = ?");
      args.add(query.visibleHolder());
      for (String queue : query.visibleQueues()) {
        sql.append(" or queue = ?");
        args.add(queue);
      }
      sql.append(")");
    }
    if (after != null) {
      sql.append(" and (created_at, conversation_id) < (?, ?)");
      args.add(Timestamp.from(after.startedAt()));
      args.add(after.conversationId());
    }
    sql.append(" order by created_at desc, conversation_id desc limit ?");
    args.add(limit);
    return jdbc.query(sql.toString(), ConversationStore::listed, args.toArray());
  }

  private static void where(StringBuilder sql, List<Object> args, String condition, Object value) {
    if (value != null) {
      sql.append(" and ").append(condition);
      args.add(value);
    }
  }

  private static ListedConversation listed(ResultSet rs, int n) throws SQLException {
    Timestamp escalatedAt = rs.getTimestamp("escalated_at");
    return new ListedConversation(
        rs.getString("conversation_id"),
        ConversationStatus.valueOf(rs.getString("status")),
        rs.getString("customer_id"),
        rs.getString("customer_tier"),
        rs.getBoolean("customer_verified"),
        rs.getString("channel"),
        rs.getString("intent"),
        rs.getString("queue"),
        rs.getString("assigned_agent"),
        rs.getString("escalation_reason"),
        rs.getObject("priority") == null ? null : rs.getInt("priority"),
        escalatedAt == null ? null : escalatedAt.toInstant(),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }

  /** Messages with a sequence number above {@code afterSeq}, oldest first, at most {@code limit}. */
  public List<Message> messages(String conversationId, long afterSeq, int limit) {
    return jdbc.query(
        """
        select seq, author, agent_id, text, created_at from messages
         where conversation_id = ? and seq > ? order by seq limit ?
        """,
        ConversationStore::message,
        conversationId,
        afterSeq,
        limit);
  }

  /**
   * The {@code limit} messages just before sequence number {@code beforeSeq}, oldest first: a page
   * of the transcript read backwards from its end ({@code Long.MAX_VALUE} for the latest page).
   */
  public List<Message> messagesBefore(String conversationId, long beforeSeq, int limit) {
    List<Message> page =
        new java.util.ArrayList<>(jdbc.query(
            """
            select seq, author, agent_id, text, created_at from messages
             where conversation_id = ? and seq < ? order by seq desc limit ?
            """,
            ConversationStore::message,
            conversationId,
            beforeSeq,
            limit));
    java.util.Collections.reverse(page);
    return page;
  }

  /**
   * The customer's other conversations started since {@code since}: of the same id and the same
   * kind, verified or anonymous, so an anonymous caller naming a verified customer's id counts
   * none of theirs (and the other way round).
   */
  public int priorContacts(String customerId, boolean verified, String conversationId, Instant since) {
    Integer count =
        jdbc.queryForObject(
            """
            select count(*) from conversations
             where customer_id = ? and customer_verified = ? and conversation_id <> ? and created_at >= ?""",
            Integer.class,
            customerId,
            verified,
            conversationId,
            Timestamp.from(since));
    return count == null ? 0 : count;
  }

  /** Conversations waiting for a person in {@code queue}: highest priority first, then longest wait. */
  public List<WaitingConversation> waitingIn(String queue) {
    return jdbc.query(
        """
        select conversation_id, priority, escalation_reason, customer_tier, escalated_at,
               summary::text as summary
          from conversations where status = 'AWAITING_AGENT' and queue = ?
         order by priority desc, escalated_at, conversation_id""",
        (rs, n) ->
            new WaitingConversation(
                rs.getString("conversation_id"),
                rs.getInt("priority"),
                rs.getString("escalation_reason"),
                rs.getString("customer_tier"),
                rs.getTimestamp("escalated_at").toInstant(),
                StoreJson.read(rs.getString("summary"), HandoffSummary.class)),
        queue);
  }

  /**
   * The conversations {@code agentId} holds now, the longest-held first, each with the customer's
   * last message and whether it still waits for a reply.
   */
  public List<HeldConversation> heldBy(String agentId) {
    return jdbc.query(
        """
        select c.conversation_id, c.status, c.queue, coalesce(c.priority, 0) as priority, c.summary::text as summary,
               customer.text as customer_text, customer.created_at as customer_at, agent.created_at as agent_at
          from conversations c
          left join lateral (
                select text, created_at from messages m
                 where m.conversation_id = c.conversation_id and m.author = 'CUSTOMER'
                 order by seq desc limit 1) customer on true
          left join lateral (
                select created_at from messages m
                 where m.conversation_id = c.conversation_id and m.author = 'AGENT'
                 order by seq desc limit 1) agent on true
         where c.assigned_agent = ? and c.status = 'AGENT_ACTIVE'
         order by c.updated_at, c.conversation_id""",
        (rs, n) -> {
          Instant customerAt = instant(rs.getTimestamp("customer_at"));
          Instant agentAt = instant(rs.getTimestamp("agent_at"));
          boolean unanswered = customerAt != null && (agentAt == null || customerAt.isAfter(agentAt));
          return new HeldConversation(
              rs.getString("conversation_id"),
              rs.getString("status"),
              rs.getString("queue"),
              rs.getInt("priority"),
              StoreJson.read(rs.getString("summary"), HandoffSummary.class),
              rs.getString("customer_text"),
              customerAt,
              unanswered ? customerAt : null);
        },
        agentId);
  }

  /**
   * The same customer's other conversations started since {@code since}, newest first (at most
   * 20), for the agent who takes one over. The same customer: the same id and the same kind,
   * verified or anonymous; a conversation recorded before Baton kept the kind (null) has none.
   */
  public List<EarlierConversation> earlierOf(String conversationId, Instant since) {
    return jdbc.query(
        """
        select e.conversation_id, e.status, e.intent, e.summary->>'primaryIssue' as issue, e.ticket_reference, e.created_at
          from conversations c
          join conversations e on e.customer_id = c.customer_id and e.customer_verified = c.customer_verified
                              and e.conversation_id <> c.conversation_id
         where c.conversation_id = ? and e.created_at >= ?
         order by e.created_at desc, e.conversation_id
         limit 20""",
        (rs, n) ->
            new EarlierConversation(
                rs.getString("conversation_id"),
                rs.getString("status"),
                rs.getString("intent"),
                rs.getString("issue"),
                rs.getString("ticket_reference"),
                rs.getTimestamp("created_at").toInstant()),
        conversationId,
        Timestamp.from(since));
  }

  /** The callbacks promised for {@code queue} and not yet kept, the earliest promise first. */
  public List<PromisedCallback> callbacksIn(String queue) {
    return jdbc.query(
        """
        select conversation_id, customer_name, summary->>'primaryIssue' as issue, ticket_reference, callback_at, promised_by
          from conversations where status = 'CALLBACK_SCHEDULED' and queue = ?
         order by promised_by nulls last, conversation_id""",
        (rs, n) ->
            new PromisedCallback(
                rs.getString("conversation_id"),
                rs.getString("customer_name"),
                rs.getString("issue"),
                rs.getString("ticket_reference"),
                instant(rs.getTimestamp("callback_at")),
                instant(rs.getTimestamp("promised_by"))),
        queue);
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  /** How many conversations wait for a person in {@code queue}. */
  public int waitingCount(String queue) {
    Integer count =
        jdbc.queryForObject(
            "select count(*) from conversations where status = 'AWAITING_AGENT' and queue = ?", Integer.class, queue);
    return count == null ? 0 : count;
  }

  /** The customer's rating of a resolved conversation; rating again replaces it. */
  public void rate(String conversationId, int score, String comment) {
    jdbc.update(
        """
        insert into csat (conversation_id, score, comment) values (?, ?, ?)
        on conflict (conversation_id) do update set score = excluded.score, comment = excluded.comment,
            created_at = now()""",
        conversationId,
        score,
        StoreText.repair(comment));
  }

  /**
   * Tells every api instance listening on PostgreSQL that this conversation has news, and its
   * queue too when a waiting list may have changed: on a status change, and on any write while
   * the conversation waits (a missed pickup SLA moves it to an overflow queue or raises its
   * priority without changing its status). Sent inside the transaction, so it is delivered on
   * commit and only then.
   */
  private void notifyReaders(TranscriptEntry entry) {
    ConversationView c = entry.conversation();
    notifier.conversationChanged(c.conversationId());
    if (entry.statusChange() != null || c.status() == ConversationStatus.AWAITING_AGENT) {
      notifier.queuesChanged(c.queue());
    }
  }

  private void upsertConversation(ConversationView c) {
    Customer customer = c.customer();
    Escalation escalation = c.escalation();
    Callback callback = c.callback();
    jdbc.update(
        """
        insert into conversations (conversation_id, customer_id, customer_name, customer_email,
            customer_tier, customer_language, customer_verified, channel, status, intent, confidence,
            sentiment, queue, assigned_agent, last_seq, turns, escalation_reason, escalation_detail,
            priority, escalation_language, escalated_at, summary, ticket_id, ticket_reference,
            callback_at, promised_by)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?)
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
        customer.verified(),
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
        StoreJson.write(c.summary()),
        callback == null ? null : callback.ticketId(),
        callback == null ? null : callback.ticketReference(),
        callback == null || callback.opensAt() == null ? null : Timestamp.from(callback.opensAt()),
        callback == null || callback.promisedBy() == null ? null : Timestamp.from(callback.promisedBy()));
  }

  private static ConversationView view(ResultSet row, int n) throws SQLException {
    Customer customer =
        new Customer(
            row.getString("customer_id"),
            row.getString("customer_name"),
            row.getString("customer_email"),
            row.getString("customer_tier"),
            row.getString("customer_language"),
            null,
            // Null (recorded before the column) reads as anonymous: it vouches for nobody.
            row.getBoolean("customer_verified"));
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
        StoreJson.read(row.getString("summary"), HandoffSummary.class),
        callback(row));
  }

  private static Callback callback(ResultSet row) throws SQLException {
    Timestamp opens = row.getTimestamp("callback_at");
    Timestamp promised = row.getTimestamp("promised_by");
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

  private static Message message(ResultSet row, int n) throws SQLException {
    return new Message(
        row.getLong("seq"),
        Author.valueOf(row.getString("author")),
        row.getString("agent_id"),
        row.getString("text"),
        row.getTimestamp("created_at").toInstant());
  }
}
