package dev.baton.api.ticket;

import dev.baton.api.ticket.TicketViews.TicketDetails;
import dev.baton.api.ticket.TicketViews.TicketEvent;
import dev.baton.api.ticket.TicketViews.TicketRow;
import dev.baton.escalation.HandoffSummary;
import dev.baton.helpdesk.TicketStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The built-in helpdesk's tickets in PostgreSQL, as operators and agents read and change them. */
@Component
class TicketStore {
  private static final String COLUMNS =
      "id, conversation_id, queue, priority, status, subject, customer_id, promised_by, created_at, updated_at";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final JsonMapper json;

  TicketStore(JdbcTemplate jdbc, TransactionTemplate tx, JsonMapper json) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.json = json;
  }

  /** Tickets, highest priority first, then oldest; filtered when status or queue is given. */
  List<TicketRow> list(TicketStatus status, String queue, int limit) {
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

  Optional<TicketDetails> find(long id) {
    return jdbc
        .query(
            "select " + COLUMNS + ", summary, transcript_url from tickets where id = ?",
            (rs, n) ->
                new TicketDetails(
                    row(rs, n), summary(rs.getString("summary")), rs.getString("transcript_url"), events(id)),
            id)
        .stream()
        .findFirst();
  }

  /**
   * Moves a ticket to {@code target}, with an event. Empty when there is no such ticket; throws
   * {@link StatusConflict} when the move is not allowed.
   */
  Optional<TicketDetails> changeStatus(long id, TicketStatus target, String note) {
    Boolean changed =
        tx.execute(
            s -> {
              List<String> current =
                  jdbc.queryForList("select status from tickets where id = ? for update", String.class, id);
              if (current.isEmpty()) {
                return false;
              }
              TicketStatus from = TicketStatus.valueOf(current.get(0));
              if (!from.canMoveTo(target)) {
                throw new StatusConflict(id, from, target);
              }
              jdbc.update("update tickets set status = ?, updated_at = now() where id = ?", target.name(), id);
              jdbc.update(
                  "insert into ticket_events (ticket_id, kind, body, status) values (?, 'UPDATE', ?, ?)",
                  id,
                  note,
                  target.name());
              return true;
            });
    return Boolean.TRUE.equals(changed) ? find(id) : Optional.empty();
  }

  /** A status move the ticket's current status does not allow. */
  static final class StatusConflict extends RuntimeException {
    final TicketStatus current;

    StatusConflict(long id, TicketStatus current, TicketStatus target) {
      super("Ticket #" + id + " is " + current + " and cannot become " + target + ".");
      this.current = current;
    }
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

  private HandoffSummary summary(String text) {
    return text == null ? null : json.readValue(text, HandoffSummary.class);
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
