package dev.baton.helpdesk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Baton's own helpdesk: tickets and their events in PostgreSQL. The idempotency key is a unique
 * column, so a repeated create returns the ticket the first one made, and a repeated comment or
 * update adds nothing.
 */
public class BuiltInHelpdesk implements Helpdesk {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;

  public BuiltInHelpdesk(JdbcTemplate jdbc, TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  @Override
  public Ticket createTicket(NewTicket t, boolean retry) {
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
                  json(t.summary()),
                  t.transcriptUrl(),
                  t.promisedBy() == null ? null : Timestamp.from(t.promisedBy()));
          long id;
          if (created.isEmpty()) {
            id = jdbc.queryForObject("select id from tickets where idempotency_key = ?", Long.class, t.idempotencyKey());
          } else {
            id = created.get(0);
            jdbc.update(
                "insert into ticket_events (ticket_id, kind, body, status, priority) values (?, 'CREATED', ?, 'NEW', ?)",
                id,
                t.subject(),
                t.priority());
          }
          return new Ticket(String.valueOf(id), "#" + id);
        });
  }

  @Override
  public void addComment(TicketComment c) {
    long id = ticketId(c.ticketId());
    tx.executeWithoutResult(
        status -> {
          int added =
              jdbc.update(
                  """
                  insert into ticket_events (ticket_id, idempotency_key, kind, body)
                  values (?, ?, 'COMMENT', ?) on conflict (idempotency_key) do nothing""",
                  id,
                  c.idempotencyKey(),
                  c.body());
          if (added > 0) {
            jdbc.update("update tickets set updated_at = now() where id = ?", id);
          }
        });
  }

  @Override
  public void updateTicket(TicketUpdate u) {
    long id = ticketId(u.ticketId());
    tx.executeWithoutResult(
        status -> {
          TicketStatus current =
              TicketStatus.valueOf(jdbc.queryForObject("select status from tickets where id = ? for update", String.class, id));
          if (u.status() != null && !current.canMoveTo(u.status())) {
            throw new HelpdeskRejectedException("Ticket #" + id + " is " + current + " and cannot become " + u.status());
          }
          int added =
              jdbc.update(
                  """
                  insert into ticket_events (ticket_id, idempotency_key, kind, body, status, priority)
                  values (?, ?, 'UPDATE', ?, ?, ?) on conflict (idempotency_key) do nothing""",
                  id,
                  u.idempotencyKey(),
                  u.note(),
                  u.status() == null ? null : u.status().name(),
                  u.priority());
          if (added > 0) {
            jdbc.update(
                """
                update tickets set status = coalesce(?, status), priority = coalesce(?, priority),
                    updated_at = now() where id = ?""",
                u.status() == null ? null : u.status().name(),
                u.priority(),
                id);
          }
        });
  }

  private long ticketId(String id) {
    try {
      long value = Long.parseLong(id);
      Integer found = jdbc.queryForObject("select count(*) from tickets where id = ?", Integer.class, value);
      if (found == null || found == 0) {
        throw new HelpdeskRejectedException("There is no ticket " + id);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new HelpdeskRejectedException("There is no ticket " + id);
    }
  }

  private static String json(Object value) {
    try {
      return value == null ? null : JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
