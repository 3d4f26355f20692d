package dev.baton.store.hours;

import dev.baton.hours.QueueHours;
import dev.baton.store.StoreJson;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Business hours per queue ({@code queue_hours}). A queue without hours of its own inherits the
 * default, stored under {@link #DEFAULT}. The worker stores the shipped ('default') rows once per
 * version of hours.yaml and never touches operators' rows; operators write through the api.
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

  /**
   * Stores shipped hours of {@code version} for {@code queue} when the queue has none yet, or has
   * shipped ones of an older version. Hours of the same or a newer version, and an operator's, stay
   * as they are: workers starting together write a row once, and an older worker restarting during
   * a rolling upgrade cannot put its hours back. One statement, so concurrent starts need no lock.
   *
   * @return true when this call wrote the row
   */
  public boolean putDefault(String queue, QueueHours hours, int version) {
    return jdbc.update(
            """
            insert into queue_hours (queue, hours, source, defaults_version)
            values (?, cast(? as jsonb), 'default', ?)
            on conflict (queue) do update
               set hours = excluded.hours, defaults_version = excluded.defaults_version, updated_at = now()
             where queue_hours.source = 'default' and queue_hours.defaults_version < excluded.defaults_version""",
            queue,
            StoreJson.write(Hours.from(hours)),
            version)
        == 1;
  }

  /** The version of hours.yaml {@code queue}'s own shipped row came from; empty when it has none. */
  public Optional<Integer> defaultsVersion(String queue) {
    return jdbc
        .queryForList(
            "select defaults_version from queue_hours where queue = ? and source = 'default'", Integer.class, queue)
        .stream()
        .findFirst();
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
