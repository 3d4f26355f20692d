package dev.baton.store.metrics;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The numbers of issue 13, read from the conversation tables and {@code conversation_events}: per
 * conversation in SQL (one row each, {@link ConversationFacts}), then summed up in Java
 * ({@link Numbers}), where the formulas read as docs/operations.md states them.
 *
 * <p>A window's numbers are about the conversations <em>started</em> in it, followed to whatever
 * happened to them since, so every rate has the same denominator and a group's figures add up.
 */
public class MetricsStore {
  /** A customer who comes back within this long after a resolution was not really helped. */
  public static final Duration REPEAT_CONTACT = Duration.ofHours(72);
  /** Upper bounds (seconds) of the takeover-time distribution's buckets; the last bucket is open. */
  public static final List<Integer> TAKEOVER_BUCKETS = List.of(30, 60, 120, 300, 900);

  private static final String FACTS =
      """
      select c.conversation_id, c.channel, coalesce(c.intent, 'unknown') as intent,
             coalesce(c.queue, 'none') as queue, coalesce(c.escalation_reason, 'NONE') as reason,
             coalesce(f.first_at, c.created_at) as started_at, f.first_customer_at,
             (select min(r.created_at) from messages r
               where r.conversation_id = c.conversation_id and r.author in ('BOT', 'AGENT')
                 and r.seq > f.first_customer_seq) as first_reply_at,
             esc.first_at as escalated_at, esc.reasons,
             (select array_agg(e.waited_ms order by e.number) from conversation_events e
               where e.conversation_id = c.conversation_id and e.kind = 'TAKEN_OVER'
                 and e.phase = 'AWAITING_AGENT' and e.waited_ms is not null) as takeover_waits,
             (select count(*) from conversation_events e
               where e.conversation_id = c.conversation_id and e.kind = 'TAKEN_OVER') as takeovers,
             (select count(*) from conversation_events e
               where e.conversation_id = c.conversation_id and e.kind = 'TRANSFERRED') as transfers,
             res.at as resolved_at, res.phase as resolved_phase,
             (select e.phase from conversation_events e
               where e.conversation_id = c.conversation_id and e.kind = 'ABANDONED'
               order by e.number desc limit 1) as abandoned_phase,
             cb.created as callbacks_created, cb.kept as callbacks_kept, cb.missed as callbacks_missed,
             s.score as csat,
             (select count(*) from messages m
               where m.conversation_id = c.conversation_id and m.author = 'CUSTOMER'
                 and esc.first_at is not null and m.created_at > esc.first_at
                 and exists (select 1 from jsonb_array_elements(coalesce(c.summary -> 'keyFacts', '[]'::jsonb)) k
                              where length(k ->> 'value') > 0
                                and strpos(lower(m.text), lower(k ->> 'value')) > 0)) as repeated,
             (c.summary is null or jsonb_array_length(coalesce(c.summary -> 'keyFacts', '[]'::jsonb)) = 0)
                 as missing_context,
             exists (select 1 from conversations o
                      where o.customer_id = c.customer_id and o.conversation_id <> c.conversation_id
                        and o.created_at > coalesce(res.at, c.created_at)
                        and o.created_at <= coalesce(res.at, c.created_at) + make_interval(secs => ?))
                 as repeat_contact
        from conversations c
        left join lateral (
             select min(m.created_at) as first_at,
                    min(m.created_at) filter (where m.author = 'CUSTOMER') as first_customer_at,
                    min(m.seq) filter (where m.author = 'CUSTOMER') as first_customer_seq
               from messages m where m.conversation_id = c.conversation_id) f on true
        left join lateral (
             select min(e.at) as first_at, array_agg(e.reason order by e.number) as reasons
               from conversation_events e
              where e.conversation_id = c.conversation_id and e.kind = 'ESCALATED') esc on true
        left join lateral (
             select e.at, e.phase from conversation_events e
              where e.conversation_id = c.conversation_id and e.kind = 'RESOLVED'
              order by e.number desc limit 1) res on true
        left join lateral (
             select count(*) as created, count(*) filter (where x.kept) as kept,
                    count(*) filter (where not x.kept and x.promised_by < now()) as missed
               from (select p.promised_by,
                            exists (select 1 from conversation_events t
                                     where t.conversation_id = p.conversation_id and t.number > p.number
                                       and t.kind in ('TAKEN_OVER', 'RESOLVED')
                                       and (p.promised_by is null or t.at <= p.promised_by)) as kept
                       from conversation_events p
                      where p.conversation_id = c.conversation_id and p.kind = 'CALLBACK_CREATED') x) cb on true
        left join csat s on s.conversation_id = c.conversation_id
       where c.created_at >= ? and c.created_at < ?
      """;

  private final JdbcTemplate jdbc;

  public MetricsStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** One point of the escalations-over-time series: escalations of each reason in a bucket. */
  public record EscalationBucket(Instant start, Map<String, Integer> reasons) {}

  /** One bar of the takeover-time distribution: takeovers that waited up to {@code upToSeconds} (null: longer). */
  public record TakeoverBucket(Integer upToSeconds, int takeovers) {}

  /** A group's numbers. */
  public record Group(String key, Numbers numbers) {}

  /**
   * The numbers of the conversations started in [{@code from}, {@code to}): overall, by group when
   * {@code groupBy} is set, escalations by reason per {@code bucket}, and the takeover times.
   */
  public record Report(
      Instant from,
      Instant to,
      String groupBy,
      Numbers overall,
      List<Group> groups,
      Duration bucket,
      List<EscalationBucket> escalationsOverTime,
      List<TakeoverBucket> takeoverDistribution) {}

  public Report report(Instant from, Instant to, GroupBy groupBy) {
    List<ConversationFacts> facts = facts(from, to);
    List<Group> groups = List.of();
    if (groupBy != null) {
      Map<String, List<ConversationFacts>> byKey =
          facts.stream().collect(Collectors.groupingBy(c -> c.key(groupBy), TreeMap::new, Collectors.toList()));
      groups = byKey.entrySet().stream().map(e -> new Group(e.getKey(), Numbers.of(e.getValue()))).toList();
    }
    Duration bucket = bucketFor(Duration.between(from, to));
    return new Report(
        from, to, groupBy == null ? null : groupBy.label(), Numbers.of(facts), groups, bucket,
        escalationsOverTime(facts, from, bucket), takeoverDistribution(facts));
  }

  /** The facts of each conversation started in [{@code from}, {@code to}). */
  public List<ConversationFacts> facts(Instant from, Instant to) {
    return jdbc.query(
        FACTS, MetricsStore::facts, (double) REPEAT_CONTACT.toSeconds(), Timestamp.from(from), Timestamp.from(to));
  }

  /** How many events of each kind there have ever been, by phase, reason, queue and channel: counters for Prometheus. */
  public record EventCount(String kind, String phase, String reason, String queue, String channel, long count) {}

  /** Every event counted, with channels outside {@code channels} counted as "other" (a bounded set of series). */
  public List<EventCount> eventCounts(List<String> channels) {
    return jdbc.query(
        """
        select kind, coalesce(phase, 'none') as phase, coalesce(reason, 'none') as reason, coalesce(queue, 'none') as queue,
               case when channel = any(?) then channel else 'other' end as channel, count(*) as n
          from conversation_events group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5""",
        (rs, i) ->
            new EventCount(
                rs.getString("kind"), rs.getString("phase"), rs.getString("reason"), rs.getString("queue"),
                rs.getString("channel"), rs.getLong("n")),
        (Object) channels.toArray(String[]::new));
  }

  /** An hour per bucket up to two days, else a day: a chart with tens of points, not thousands. */
  static Duration bucketFor(Duration window) {
    return window.compareTo(Duration.ofDays(2)) <= 0 ? Duration.ofHours(1) : Duration.ofDays(1);
  }

  private static List<EscalationBucket> escalationsOverTime(List<ConversationFacts> facts, Instant from, Duration bucket) {
    Map<Instant, Map<String, Integer>> buckets = new TreeMap<>();
    for (ConversationFacts c : facts) {
      if (c.escalatedAt() == null) {
        continue;
      }
      long index = Duration.between(from, c.escalatedAt()).toMillis() / bucket.toMillis();
      Instant start = from.plus(bucket.multipliedBy(Math.max(0, index)));
      for (String reason : c.escalationReasons()) {
        buckets.computeIfAbsent(start, k -> new TreeMap<>()).merge(reason, 1, Integer::sum);
      }
    }
    return buckets.entrySet().stream().map(e -> new EscalationBucket(e.getKey(), e.getValue())).toList();
  }

  private static List<TakeoverBucket> takeoverDistribution(List<ConversationFacts> facts) {
    Map<Integer, Integer> counts = new LinkedHashMap<>();
    TAKEOVER_BUCKETS.forEach(b -> counts.put(b, 0));
    int longer = 0;
    for (ConversationFacts c : facts) {
      for (long ms : c.takeoverWaitsMs()) {
        Integer bound = TAKEOVER_BUCKETS.stream().filter(b -> ms <= b * 1000L).findFirst().orElse(null);
        if (bound == null) {
          longer++;
        } else {
          counts.merge(bound, 1, Integer::sum);
        }
      }
    }
    List<TakeoverBucket> out = new ArrayList<>();
    counts.forEach((bound, n) -> out.add(new TakeoverBucket(bound, n)));
    out.add(new TakeoverBucket(null, longer));
    return out;
  }

  private static ConversationFacts facts(ResultSet rs, int n) throws SQLException {
    int csat = rs.getInt("csat");
    boolean rated = !rs.wasNull();
    return new ConversationFacts(
        rs.getString("conversation_id"),
        rs.getString("channel"),
        rs.getString("intent"),
        rs.getString("queue"),
        rs.getString("reason"),
        instant(rs, "started_at"),
        instant(rs, "first_customer_at"),
        instant(rs, "first_reply_at"),
        instant(rs, "escalated_at"),
        strings(rs.getArray("reasons")),
        longs(rs.getArray("takeover_waits")),
        rs.getInt("takeovers"),
        rs.getInt("transfers"),
        instant(rs, "resolved_at"),
        rs.getString("resolved_phase"),
        rs.getString("abandoned_phase"),
        rs.getInt("callbacks_created"),
        rs.getInt("callbacks_kept"),
        rs.getInt("callbacks_missed"),
        rated ? csat : null,
        rs.getInt("repeated"),
        rs.getBoolean("missing_context"),
        rs.getBoolean("repeat_contact"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private static List<String> strings(Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    return Arrays.stream((Object[]) array.getArray()).map(o -> o == null ? "NONE" : o.toString()).toList();
  }

  private static List<Long> longs(Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    return Arrays.stream((Object[]) array.getArray()).map(o -> ((Number) o).longValue()).toList();
  }
}
