package dev.baton.store.hours;

import dev.baton.hours.QueueHours;
import dev.baton.store.StoreJson;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Business hours per queue ({@code queue_hours}). A queue without hours of its own inherits the
 * default, stored under {@link #DEFAULT}. The worker rewrites the shipped ('default') rows at each
 * start and never touches operators' rows; operators write through the api.
 */
public class HoursStore {
  /** The queue name the default schedule is stored under. */
  public static final String DEFAULT = "_default";

  private final JdbcTemplate jdbc;

  public HoursStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A queue's own hours, else the default's; empty when neither is stored. */
  public Optional<StoredHours> find(String queue) {
    return jdbc
        .query(
            """
            select queue, hours::text as hours, source, updated_at from queue_hours
             where queue in (?, ?) order by case when queue = ? then 0 else 1 end limit 1""",
            (rs, n) ->
                new StoredHours(
                    queue,
                    StoreJson.read(rs.getString("hours"), Hours.class),
                    rs.getString("source"),
                    !rs.getString("queue").equals(queue),
                    rs.getTimestamp("updated_at").toInstant()),
            queue,
            DEFAULT,
            queue)
        .stream()
        .findFirst();
  }

  /** The hours {@code queue} keeps, its own or the default's, as {@code queue}'s; empty when none are stored. */
  public Optional<QueueHours> hours(String queue) {
    return find(queue).map(stored -> stored.hours().toQueueHours(queue));
  }

  /** Writes shipped hours; an operator's hours for the queue stay as they are. */
  public void putDefault(String queue, QueueHours hours) {
    jdbc.update(
        """
        insert into queue_hours (queue, hours, source) values (?, cast(? as jsonb), 'default')
        on conflict (queue) do update set hours = excluded.hours, updated_at = now()
        where queue_hours.source = 'default'""",
        queue,
        StoreJson.write(Hours.from(hours)));
  }

  /** Writes an operator's hours for {@code hours.queue()}; they win over shipped ones from now on. */
  public StoredHours putOperator(QueueHours hours) {
    jdbc.update(
        """
        insert into queue_hours (queue, hours, source) values (?, cast(? as jsonb), 'operator')
        on conflict (queue) do update set hours = excluded.hours, source = 'operator', updated_at = now()""",
        hours.queue(),
        StoreJson.write(Hours.from(hours)));
    return find(hours.queue()).orElseThrow();
  }
}
