package dev.baton.api.queue;

import dev.baton.api.queue.QueueOverview.Queues;
import dev.baton.api.queue.QueueOverview.WaitingList;
import dev.baton.store.queues.QueueStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The queues agents work from: who is waiting, who is there, whether the queue is open. */
@RestController
@Validated
@RequestMapping(path = "/api/v1/queues", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Queues")
class QueueController {
  private final QueueOverview overview;

  QueueController(QueueOverview overview) {
    this.overview = overview;
  }

  @GetMapping
  @Operation(summary = "Every queue: waiting count, agents online, open now, next opening")
  Queues queues() {
    return overview.queues();
  }

  @GetMapping("/{queue}/waiting")
  @Operation(summary = "Conversations waiting in a queue: highest priority first, then longest wait")
  WaitingList waiting(@PathVariable @Pattern(regexp = QueueStore.NAME, message = "must be a queue name: a-z, 0-9, _") String queue) {
    return overview.waiting(queue);
  }
}
