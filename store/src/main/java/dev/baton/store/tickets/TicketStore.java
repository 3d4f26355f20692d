package dev.baton.store.tickets;

import dev.baton.escalation.HandoffSummary;
import dev.baton.helpdesk.NewTicket;
import dev.baton.helpdesk.TicketStatus;
import dev.baton.store.StoreJson;
import dev.baton.store.StoreText;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The built-in helpdesk's tickets and their events ({@code tickets}, {@code ticket_events}): the
 * worker's helpdesk adapter files and changes them, operators and agents read and move them
 * through the api. Every status move, from either side, goes through {@link #update}, which
 * applies {@link TicketStatus#canMoveTo} under a row lock.
 *
 * <p>An idempotency key is a unique column, so a repeated create returns the ticket the first one
 * made, and a repeated comment or update adds nothing.
 */
public class TicketStore {
  private static final String COLUMNS =
      "id, conversation_id, queue, priority, status, subject, customer_id, promised_by, created_at, updated_at";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;

  public TicketStore(JdbcTemplate jdbc, TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  /** Files a NEW ticket, with its CREATED event, once per idempotency key; returns its id. */
  public long create(NewTicket given) {
    // Text PostgreSQL would refuse is repaired, so the helpdesk activity cannot fail on it forever.
    NewTicket t = StoreText.repair(given, NewTicket.class).value();
    return tx.execute(
        status -> {
          List<Long> created =
              jdbc.queryForList(
                  """
                  insert into tickets (idempotency_key, conversation_id, queue, priority, status,
                      subject, customer_id, summary, transcript_url, promised_by)
                  values (?, ?, ?, ?, 'NEW', ?, ?, cast(? as jsonb), ?, ?)
                  on conflict (idempotency_key) do nothing
                  returning id""",
                  Long.class,
                  t.idempotencyKey(),
                  t.conversationId(),
                  t.queue(),
                  t.priority(),
                  t.subject(),
                  t.customer().id(),
                  StoreJson.write(t.summary()),
                  t.transcriptUrl(),
                  t.promisedBy() == null ? null : Timestamp.from(t.promisedBy()));
          if (created.isEmpty()) {
            return jdbc.queryForObject("select id from tickets where idempotency_key = ?", Long.class, t.idempotencyKey());
          }
          long id = created.get(0);
          jdbc.update(
              "insert into ticket_events (ticket_id, kind, body, status, priority) values (?, 'CREATED', ?, 'NEW', ?)",
              id,
              t.subject(),
              t.priority());
          return id;
        });
  }

  public boolean exists(long id) {
    Integer found = jdbc.queryForObject("select count(*) from tickets where id = ?", Integer.class, id);
    return found != null && found > 0;
  }

  /** Adds a comment once per idempotency key. */
  public void comment(long id, String idempotencyKey, String body) {
    tx.executeWithoutResult(
        status -> {
          int added =
              jdbc.update(
                  """
                  insert into ticket_events (ticket_id, idempotency_key, kind, body)
                  values (?, ?, 'COMMENT', ?) on conflict (idempotency_key) do nothing""",
                  id,
                  idempotencyKey,
                  StoreText.repair(body));
          if (added > 0) {
            jdbc.update("update tickets set updated_at = now() where id = ?", id);
          }
        });
  }

  /**
   * Moves a ticket to {@code status} and/or {@code priority} (either {@code null} to keep it),
   * with an UPDATE event carrying {@code note}; once per idempotency key when one is given.
   *
   * @return false when there is no such ticket
   * @throws TicketStatusConflict when the ticket's status may not move to {@code status}
   */
  public boolean update(long id, TicketStatus status, Integer priority, String note, String idempotencyKey) {
    Boolean found =
        tx.execute(
            s -> {
              List<String> current =
                  jdbc.queryForList("select status from tickets where id = ? for update", String.class, id);
              if (current.isEmpty()) {
                return false;
              }
              TicketStatus from = TicketStatus.valueOf(current.get(0));
              if (status != null && !from.canMoveTo(status)) {
                throw new TicketStatusConflict(id, from, status);
              }
              int added =
                  jdbc.update(
                      """
                      insert into ticket_events (ticket_id, idempotency_key, kind, body, status, priority)
                      values (?, ?, 'UPDATE', ?, ?, ?) on conflict (idempotency_key) do nothing""",
                      id,
                      idempotencyKey,
                      StoreText.repair(note),
                      status == null ? null : status.name(),
                      priority);
              if (added > 0) {
                jdbc.update(
                    """
                    update tickets set status = coalesce(?, status), priority = coalesce(?, priority),
                        updated_at = now() where id = ?""",
                    status == null ? null : status.name(),
                    priority,
                    id);
              }
              return true;
            });
    return Boolean.TRUE.equals(found);
  }

  /** Tickets, highest priority first, then oldest; filtered when status or queue is given. */
  public List<TicketRow> list(TicketStatus status, String queue, int limit) {
    StringBuilder sql = new StringBuilder("select " + COLUMNS + " from tickets where true");
    List<Object> args = new ArrayList<>();
    if (status != null) {
      sql.append(" and status = ?");
      args.add(status.name());
    }
    if (queue != null) {
      sql.append(" and queue = ?");
      args.add(queue);
    }
    sql.append(" order by priority desc, created_at, id limit ?");
    args.add(limit);
    return jdbc.query(sql.toString(), TicketStore::row, args.toArray());
  }

  public Optional<TicketDetails> find(long id) {
    return jdbc
        .query(
            "select " + COLUMNS + ", summary::text as summary, transcript_url from tickets where id = ?",
            (rs, n) ->
                new TicketDetails(
                    row(rs, n),
                    StoreJson.read(rs.getString("summary"), HandoffSummary.class),
                    rs.getString("transcript_url"),
                    events(id)),
            id)
        .stream()
        .findFirst();
  }

  private List<TicketEvent> events(long id) {
    return jdbc.query(
        "select id, kind, body, status, priority, created_at from ticket_events where ticket_id = ? order by id",
        (rs, n) ->
            new TicketEvent(
                rs.getLong("id"),
                rs.getString("kind"),
                rs.getString("body"),
                rs.getString("status") == null ? null : TicketStatus.valueOf(rs.getString("status")),
                (Integer) rs.getObject("priority"),
                rs.getTimestamp("created_at").toInstant()),
        id);
  }

  private static TicketRow row(ResultSet rs, int n) throws SQLException {
    Timestamp promised = rs.getTimestamp("promised_by");
    return new TicketRow(
        rs.getLong("id"),
        "#" + rs.getLong("id"),
        rs.getString("conversation_id"),
        rs.getString("queue"),
        rs.getInt("priority"),
        TicketStatus.valueOf(rs.getString("status")),
        rs.getString("subject"),
        rs.getString("customer_id"),
        promised == null ? null : promised.toInstant(),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
