package dev.baton.api.queue;

import dev.baton.agents.AgentQueries;
import dev.baton.escalation.HandoffSummary;
import dev.baton.hours.BusinessHours;
import dev.baton.hours.QueueHours;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** The queues agents work from: who is waiting, who is there, whether the queue is open. */
@RestController
@Validated
@RequestMapping(path = "/api/v1/queues", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Queues")
class QueueController {
  private final JdbcTemplate jdbc;
  private final JsonMapper json;

  QueueController(JdbcTemplate jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * @param agentsFree online agents with room for one more conversation
   * @param nextOpening when a closed queue opens next; {@code null} when open or never
   */
  record QueueState(String queue, int waiting, int agentsOnline, int agentsFree, boolean openNow, Instant nextOpening) {}

  record Queues(List<QueueState> queues) {}

  /** A conversation in the waiting list, with what the agent needs to choose it. */
  record Waiting(
      String conversationId, int priority, String reason, String issue, String customerTier,
      Instant waitingSince, long waitSeconds, HandoffSummary summary) {}

  record WaitingList(String queue, List<Waiting> waiting) {}

  @GetMapping
  @Operation(summary = "Every queue: waiting count, agents online, open now, next opening")
  Queues queues() {
    List<String> names =
        jdbc.queryForList(
            """
            select queue from queue_hours where queue <> '_default'
            union select unnest(queues) from agents
            union select queue from conversations where queue is not null
            order by 1""",
            String.class);
    Instant now = Instant.now();
    return new Queues(names.stream().map(q -> state(q, now)).toList());
  }

  @GetMapping("/{queue}/waiting")
  @Operation(summary = "Conversations waiting in a queue: highest priority first, then longest wait")
  WaitingList waiting(@PathVariable @Pattern(regexp = QueueHoursController.QUEUE, message = "must be a queue name: a-z, 0-9, _") String queue) {
    Instant now = Instant.now();
    List<Waiting> waiting =
        jdbc.query(
            """
            select conversation_id, priority, escalation_reason, customer_tier, escalated_at,
                   summary::text as summary
              from conversations where status = 'AWAITING_AGENT' and queue = ?
             order by priority desc, escalated_at, conversation_id""",
            (rs, n) -> {
              HandoffSummary summary =
                  rs.getString("summary") == null ? null : json.readValue(rs.getString("summary"), HandoffSummary.class);
              Instant since = rs.getTimestamp("escalated_at").toInstant();
              return new Waiting(
                  rs.getString("conversation_id"),
                  rs.getInt("priority"),
                  rs.getString("escalation_reason"),
                  summary == null ? null : summary.primaryIssue(),
                  rs.getString("customer_tier"),
                  since,
                  Duration.between(since, now).toSeconds(),
                  summary);
            },
            queue);
    return new WaitingList(queue, waiting);
  }

  private QueueState state(String queue, Instant now) {
    Integer waiting =
        jdbc.queryForObject(
            "select count(*) from conversations where status = 'AWAITING_AGENT' and queue = ?", Integer.class, queue);
    Integer online =
        jdbc.queryForObject("select count(*) from agents where status = 'ONLINE' and ? = any(queues)", Integer.class, queue);
    Integer free = jdbc.queryForObject(AgentQueries.FREE_AGENTS, Integer.class, queue);
    QueueHours hours = hours(queue);
    boolean open = hours == null || new BusinessHours(hours).isOpen(now);
    Instant next = open || hours == null ? null : new BusinessHours(hours).nextOpening(now).orElse(null);
    return new QueueState(queue, nz(waiting), nz(online), nz(free), open, next);
  }

  @SuppressWarnings("unchecked")
  private QueueHours hours(String queue) {
    List<String> rows =
        jdbc.queryForList(
            """
            select hours::text from queue_hours where queue in (?, '_default')
             order by case when queue = ? then 0 else 1 end limit 1""",
            String.class,
            queue,
            queue);
    if (rows.isEmpty()) {
      return null;
    }
    Map<String, Object> stored = json.readValue(rows.get(0), Map.class);
    return QueueHours.of(
        queue,
        (String) stored.get("zone"),
        (Map<String, List<String>>) stored.get("week"),
        (List<String>) stored.get("closedDates"));
  }

  private static int nz(Integer value) {
    return value == null ? 0 : value;
  }
}
