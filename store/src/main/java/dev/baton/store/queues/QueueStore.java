package dev.baton.store.queues;

import dev.baton.store.hours.HoursStore;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The queues there are. A queue has no table of its own: it exists once it has hours, an agent
 * who serves it, or a conversation routed to it.
 */
public class QueueStore {
  /** What a queue name may be, wherever one is taken in: lower-case letters, digits and _. */
  public static final String NAME = "[a-z0-9_]{1,64}";

  private final JdbcTemplate jdbc;

  public QueueStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Every queue's name, in order. */
  public List<String> names() {
    return jdbc.queryForList(
        """
        select queue from queue_hours where queue <> ?
        union select unnest(queues) from agents
        union select queue from conversations where queue is not null
        order by 1""",
        String.class,
        HoursStore.DEFAULT);
  }
}
