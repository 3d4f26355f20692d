package dev.baton.store.metrics;

import dev.baton.bot.BotTurn;
import dev.baton.store.review.BotReviewStore;
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
 * The numbers of issue 13, read from the conversation tables, {@code conversation_events} and
 * {@code bot_turns}: per conversation in SQL (one row each, {@link ConversationFacts}), then
 * summed up in Java ({@link Numbers}), where the formulas read as docs/operations.md states them.
 *
 * <p>A window's numbers are about the conversations <em>started</em> in it, followed to whatever
 * happened to them since, so every rate has the same denominator and a group's figures add up.
 */
public class MetricsStore {
  /** A customer who comes back about the same request within this long was not really helped. */
  public static final Duration REPEAT_CONTACT = Duration.ofHours(72);
  /** How long after a conversation ended a resolution is assumed when nobody says otherwise. */
  public static final Duration DEFAULT_ASSUMED_AFTER = Duration.ofHours(1);
  /** Upper bounds (seconds) of the takeover-time distribution's buckets; the last bucket is open. */
  public static final List<Integer> TAKEOVER_BUCKETS = List.of(30, 60, 120, 300, 900);
  /** The bot's reading of a question outside what it covers. */
  public static final String OUT_OF_SCOPE = BotReviewStore.OUT_OF_SCOPE;
  /**
   * Intents that say nothing about what the customer wants, so never the request a conversation
   * is counted under: pleasantries, "solved", what the bot could not place or read, and the
   * marker of a turn no bot answered.
   */
  public static final List<String> NOT_REQUESTS =
      List.of("greeting", "conversation_resolved", "unknown", OUT_OF_SCOPE, "other_language", BotTurn.UNAVAILABLE);

  private static final String NOT_REQUESTS_SQL =
      NOT_REQUESTS.stream().map(i -> "'" + i + "'").collect(Collectors.joining(", ", "array[", "]::text[]"));

  /**
   * The request of the conversation row {@code c}: the first intent the bot read in it that is a
   * request; for a conversation without recorded readings, its intent if that is one.
   */
  private static String requestOf(String c) {
    return """
        coalesce(
          (select t.intent from bot_turns t
            where t.conversation_id = %1$s.conversation_id and t.intent <> all (%2$s)
            order by t.turn limit 1),
          case when %1$s.intent <> all (%2$s) then %1$s.intent end)"""
        .formatted(c, NOT_REQUESTS_SQL);
  }

  private static final String FACTS =
      """
      select c.conversation_id, c.channel, req.intent as request_intent,
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
             fin.at as ended_at,
             bt.turns as bot_turns, bt.out_of_scope as out_of_scope_turns, bt.last_answered,
             (select extract(epoch from min(o.created_at) - coalesce(fin.at, c.created_at))
                from conversations o
               where o.customer_id = c.customer_id and o.customer_verified = c.customer_verified
                 and o.conversation_id <> c.conversation_id
                 and o.created_at > coalesce(fin.at, c.created_at)
                 and o.created_at <= coalesce(fin.at, c.created_at) + make_interval(secs => ?)
                 and (req.intent is null or %1$s = req.intent)) as next_contact_seconds
        from conversations c
        left join lateral (select %2$s as intent) req on true
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
             select e.at from conversation_events e
              where e.conversation_id = c.conversation_id and e.kind in ('RESOLVED', 'ABANDONED', 'CLOSED')
              order by e.number desc limit 1) fin on true
        left join lateral (
             select count(*) as turns, count(*) filter (where t.intent = '%3$s') as out_of_scope,
                    (array_agg(t.answered order by t.turn desc))[1] as last_answered
               from bot_turns t where t.conversation_id = c.conversation_id) bt on true
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
      """
          .formatted(requestOf("o"), requestOf("c"), OUT_OF_SCOPE);

  private static final String OUT_OF_SCOPE_BY_DAY =
      """
      select date_trunc('day', t.created_at, 'UTC') as day, c.channel, count(*) as turns,
             count(*) filter (where t.intent = ?) as out_of_scope
        from bot_turns t join conversations c on c.conversation_id = t.conversation_id
       where c.created_at >= ? and c.created_at < ?
       group by 1, 2 order by 1, 2""";

  private final JdbcTemplate jdbc;
  private final Duration assumedAfter;

  public MetricsStore(JdbcTemplate jdbc) {
    this(jdbc, DEFAULT_ASSUMED_AFTER);
  }

  /**
   * @param assumedAfter how long after a conversation ended with the bot, its request answered,
   *     the customer must stay away before the resolution is assumed ({@link Containment#ASSUMED})
   */
  public MetricsStore(JdbcTemplate jdbc, Duration assumedAfter) {
    if (assumedAfter == null || assumedAfter.isNegative()) {
      throw new IllegalArgumentException("assumedAfter must not be negative");
    }
    this.jdbc = jdbc;
    this.assumedAfter = assumedAfter;
  }

  /** One point of the escalations-over-time series: escalations of each reason in a bucket. */
  public record EscalationBucket(Instant start, Map<String, Integer> reasons) {}

  /** One bar of the takeover-time distribution: takeovers that waited up to {@code upToSeconds} (null: longer). */
  public record TakeoverBucket(Integer upToSeconds, int takeovers) {}

  /** A group's numbers. */
  public record Group(String key, Numbers numbers) {}

  /**
   * The customer messages the bot read on one day (UTC) in one channel, and how many of them it
   * read as outside what it covers.
   */
  public record OutOfScopeDay(Instant day, String channel, int botTurns, int outOfScopeTurns, Double outOfScopeRate) {}

  /**
   * The numbers of the conversations started in [{@code from}, {@code to}): overall, by group when
   * {@code groupBy} is set, escalations by reason per {@code bucket}, the takeover times, and
   * their customer messages the bot read outside what it covers, per day and channel.
   *
   * @param assumedResolutionAfter the time after which a resolution is assumed (see {@link Containment})
   */
  public record Report(
      Instant from,
      Instant to,
      String groupBy,
      Numbers overall,
      List<Group> groups,
      Duration bucket,
      List<EscalationBucket> escalationsOverTime,
      List<TakeoverBucket> takeoverDistribution,
      List<OutOfScopeDay> outOfScopeByDay,
      Duration assumedResolutionAfter) {}

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
        escalationsOverTime(facts, from, bucket), takeoverDistribution(facts), outOfScopeByDay(from, to), assumedAfter);
  }

  /** The facts of each conversation started in [{@code from}, {@code to}), judged now. */
  public List<ConversationFacts> facts(Instant from, Instant to) {
    Instant now = Instant.now();
    // Far enough to see a repeat contact and a customer back before a resolution could be assumed.
    Duration horizon = REPEAT_CONTACT.compareTo(assumedAfter) >= 0 ? REPEAT_CONTACT : assumedAfter;
    return jdbc.query(
        FACTS, (rs, i) -> facts(rs, now), (double) horizon.toSeconds(), Timestamp.from(from), Timestamp.from(to));
  }

  /** Of the conversations started in [{@code from}, {@code to}): their customer messages the bot read, per day and channel. */
  public List<OutOfScopeDay> outOfScopeByDay(Instant from, Instant to) {
    return jdbc.query(
        OUT_OF_SCOPE_BY_DAY,
        (rs, i) -> {
          int turns = rs.getInt("turns");
          int outOfScope = rs.getInt("out_of_scope");
          return new OutOfScopeDay(
              rs.getTimestamp("day").toInstant(), rs.getString("channel"), turns, outOfScope, Numbers.rate(outOfScope, turns));
        },
        OUT_OF_SCOPE, Timestamp.from(from), Timestamp.from(to));
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

  private ConversationFacts facts(ResultSet rs, Instant now) throws SQLException {
    int score = rs.getInt("csat");
    Integer csat = rs.wasNull() ? null : score;
    String request = rs.getString("request_intent");
    Instant escalatedAt = instant(rs, "escalated_at");
    String resolvedPhase = rs.getString("resolved_phase");
    Instant endedAt = instant(rs, "ended_at");
    boolean lastAnswered = rs.getBoolean("last_answered");
    Boolean lastTurnAnswered = rs.wasNull() ? null : lastAnswered;
    double seconds = rs.getDouble("next_contact_seconds");
    Duration nextContact = rs.wasNull() ? null : Duration.ofMillis(Math.round(seconds * 1000));
    Containment containment =
        Containment.judge(
            escalatedAt != null, "BOT".equals(resolvedPhase), csat, endedAt, request, lastTurnAnswered, nextContact,
            now, assumedAfter);
    return new ConversationFacts(
        rs.getString("conversation_id"),
        rs.getString("channel"),
        request == null ? ConversationFacts.NO_REQUEST : request,
        rs.getString("queue"),
        rs.getString("reason"),
        instant(rs, "started_at"),
        instant(rs, "first_customer_at"),
        instant(rs, "first_reply_at"),
        escalatedAt,
        strings(rs.getArray("reasons")),
        longs(rs.getArray("takeover_waits")),
        rs.getInt("takeovers"),
        rs.getInt("transfers"),
        instant(rs, "resolved_at"),
        resolvedPhase,
        rs.getString("abandoned_phase"),
        rs.getInt("callbacks_created"),
        rs.getInt("callbacks_kept"),
        rs.getInt("callbacks_missed"),
        csat,
        rs.getInt("repeated"),
        rs.getBoolean("missing_context"),
        endedAt,
        rs.getInt("bot_turns"),
        rs.getInt("out_of_scope_turns"),
        nextContact,
        containment);
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
