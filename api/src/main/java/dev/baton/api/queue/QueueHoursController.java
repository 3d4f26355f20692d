package dev.baton.api.queue;

import dev.baton.api.problem.Problems;
import dev.baton.hours.InvalidScheduleException;
import dev.baton.hours.QueueHours;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Business hours per queue, for operators. What is stored here is what conversations use when
 * they escalate: a queue's own hours, else the default ({@code _default}) the worker ships with.
 */
@RestController
@Validated
@RequestMapping(path = "/api/v1/queues", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Queues", description = "Business hours of the agent queues")
class QueueHoursController {
  static final String QUEUE = "[a-z0-9_]{1,64}";
  private static final String DEFAULT = "_default";

  private final JdbcTemplate jdbc;
  private final JsonMapper json;

  QueueHoursController(JdbcTemplate jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * A queue's hours as operators write them.
   *
   * @param week day name → openings like {@code 09:00-17:30}; a day left out is closed
   * @param closedDates whole days closed, like {@code 2026-12-25}
   */
  record Hours(String zone, Map<String, List<String>> week, List<String> closedDates) {}

  /**
   * @param source {@code operator} (set through this API) or {@code default} (shipped)
   * @param inherited true when the queue has no hours of its own and these are the default
   */
  record StoredHours(String queue, Hours hours, String source, boolean inherited, Instant updatedAt) {}

  @GetMapping("/{queue}/hours")
  @Operation(summary = "A queue's business hours (its own, or the default it inherits)")
  StoredHours get(@PathVariable @Pattern(regexp = QUEUE, message = "must be a queue name: a-z, 0-9, _") String queue) {
    return jdbc
        .query(
            """
            select queue, hours::text as hours, source, updated_at from queue_hours
             where queue in (?, ?) order by case when queue = ? then 0 else 1 end limit 1""",
            (rs, n) ->
                new StoredHours(
                    queue,
                    json.readValue(rs.getString("hours"), Hours.class),
                    rs.getString("source"),
                    !rs.getString("queue").equals(queue),
                    rs.getTimestamp("updated_at").toInstant()),
            queue,
            DEFAULT,
            queue)
        .stream()
        .findFirst()
        .orElseThrow(() -> new NoHours(queue));
  }

  @PutMapping(path = "/{queue}/hours", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Set a queue's business hours",
      description =
          "Replaces the queue's hours. Conversations escalated from now on use them; a callback"
              + " already promised keeps its time. 400 names each problem: overlapping intervals,"
              + " an unknown timezone, an invalid date.")
  StoredHours put(
      @PathVariable @Pattern(regexp = QUEUE, message = "must be a queue name: a-z, 0-9, _") String queue,
      @RequestBody Hours body) {
    QueueHours checked = QueueHours.of(queue, body.zone(), body.week(), body.closedDates());
    Hours normalised =
        new Hours(
            checked.zone().getId(),
            checked.week().entrySet().stream()
                .collect(
                    java.util.stream.Collectors.toMap(
                        e -> e.getKey().name().toLowerCase(java.util.Locale.ROOT),
                        e -> e.getValue().stream().map(Object::toString).toList(),
                        (a, b) -> a,
                        java.util.LinkedHashMap::new)),
            checked.closedDates().stream().map(Object::toString).toList());
    jdbc.update(
        """
        insert into queue_hours (queue, hours, source) values (?, cast(? as jsonb), 'operator')
        on conflict (queue) do update set hours = excluded.hours, source = 'operator', updated_at = now()""",
        queue,
        json.writeValueAsString(normalised));
    return get(queue);
  }

  @ExceptionHandler(InvalidScheduleException.class)
  ResponseEntity<ProblemDetail> invalid(InvalidScheduleException e) {
    List<Map<String, String>> errors =
        e.problems().stream().map(p -> Map.of("field", p.field(), "message", p.message())).toList();
    ProblemDetail problem =
        Problems.INVALID_REQUEST.with(
            HttpStatus.BAD_REQUEST,
            String.join("; ", e.problems().stream().map(Object::toString).toList()) + ".");
    problem.setProperty("errors", errors);
    return ResponseEntity.badRequest().body(problem);
  }

  @ExceptionHandler(NoHours.class)
  ResponseEntity<ProblemDetail> none(NoHours e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(Problems.NOT_FOUND.with(HttpStatus.NOT_FOUND, e.getMessage()));
  }

  static final class NoHours extends RuntimeException {
    NoHours(String queue) {
      super("No business hours are stored for " + queue + " and there is no default yet (has a worker started?).");
    }
  }
}
