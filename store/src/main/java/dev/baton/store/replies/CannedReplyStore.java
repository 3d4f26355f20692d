package dev.baton.store.replies;

import dev.baton.store.StoreText;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Each queue's canned replies, in the order a supervisor put them ({@code canned_replies}). */
public class CannedReplyStore {
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;

  public CannedReplyStore(JdbcTemplate jdbc, TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  public List<CannedReply> list(String queue) {
    return jdbc.query(
        "select title, text from canned_replies where queue = ? order by position",
        (rs, n) -> new CannedReply(rs.getString("title"), rs.getString("text")),
        queue);
  }

  /** Replaces the queue's replies with {@code replies}, in that order, at once. */
  public List<CannedReply> replace(String queue, List<CannedReply> replies, String by) {
    tx.executeWithoutResult(
        status -> {
          jdbc.update("delete from canned_replies where queue = ?", queue);
          for (int i = 0; i < replies.size(); i++) {
            CannedReply reply = replies.get(i);
            jdbc.update(
                "insert into canned_replies (queue, position, title, text, updated_by) values (?, ?, ?, ?, ?)",
                queue,
                i,
                StoreText.repair(reply.title()),
                StoreText.repair(reply.text()),
                by);
          }
        });
    return list(queue);
  }
}
