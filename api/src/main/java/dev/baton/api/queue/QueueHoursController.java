package dev.baton.api.queue;

import dev.baton.api.limits.Clean;
import dev.baton.api.limits.Limits;
import dev.baton.api.problem.ApiException;
import dev.baton.api.problem.Problems;
import dev.baton.store.hours.Hours;
import dev.baton.store.hours.HoursStore;
import dev.baton.store.hours.StoredHours;
import dev.baton.store.queues.QueueStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Business hours per queue, for operators. What is stored here is what conversations use when
 * they escalate: a queue's own hours, else the default ({@code _default}) the worker ships with.
 */
@RestController
@Validated
@RequestMapping(path = "/api/v1/queues", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Queues", description = "Business hours of the agent queues")
class QueueHoursController {
  private final HoursStore hours;

  QueueHoursController(HoursStore hours) {
    this.hours = hours;
  }

  @GetMapping("/{queue}/hours")
  @Operation(summary = "A queue's business hours (its own, or the default it inherits)")
  StoredHours get(@PathVariable @Pattern(regexp = QueueStore.NAME, message = "must be a queue name: a-z, 0-9, _") String queue) {
    return hours.find(queue).orElseThrow(() -> new NoHours(queue));
  }

  @PutMapping(path = "/{queue}/hours", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Set a queue's business hours",
      description =
          "Replaces the queue's hours. Conversations escalated from now on use them; a callback"
              + " already promised keeps its time. 400 names each problem: overlapping intervals,"
              + " an unknown timezone, an invalid date.")
  StoredHours put(
      @PathVariable @Pattern(regexp = QueueStore.NAME, message = "must be a queue name: a-z, 0-9, _") String queue,
      @Valid @RequestBody HoursBody body) {
    // Unusable hours are an InvalidScheduleException: 400 naming every problem.
    return hours.putOperator(new Hours(body.zone(), body.week(), body.closedDates()).toQueueHours(queue));
  }

  /**
   * Business hours as operators send them (the stored shape, {@link Hours}), within limits: a
   * schedule travels into every conversation that escalates to the queue.
   */
  record HoursBody(
      @Size(max = Limits.ZONE) @Clean String zone,
      @Size(max = 7)
          Map<@Size(max = Limits.SCHEDULE_TOKEN) @Clean String,
              @Size(max = Limits.DAY_OPENINGS) List<@Size(max = Limits.SCHEDULE_TOKEN) @Clean String>>
              week,
      @Size(max = Limits.CLOSED_DATES) List<@Size(max = Limits.SCHEDULE_TOKEN) @Clean String> closedDates) {}

  static final class NoHours extends ApiException {
    private static final long serialVersionUID = 1L;

    NoHours(String queue) {
      super(
          Problems.NOT_FOUND,
          HttpStatus.NOT_FOUND,
          "No business hours are stored for " + queue + " and there is no default yet (has a worker started?).");
    }
  }
}
