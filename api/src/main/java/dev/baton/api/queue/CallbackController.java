package dev.baton.api.queue;

import dev.baton.store.conversation.ConversationStore;
import dev.baton.store.conversation.PromisedCallback;
import dev.baton.store.queues.QueueStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The callbacks Baton promised, so the team can keep them. */
@RestController
@Validated
@RequestMapping(path = "/api/v1/queues", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Queues")
class CallbackController {
  private final ConversationStore conversations;

  CallbackController(ConversationStore conversations) {
    this.conversations = conversations;
  }

  record Callbacks(String queue, List<PromisedCallback> callbacks) {}

  @GetMapping("/{queue}/callbacks")
  @Operation(
      summary = "Callbacks promised in a queue and not yet kept, the earliest promise first",
      description = "Each with its ticket, the time the queue opens for it and the time promised to the customer.")
  Callbacks callbacks(@PathVariable @Pattern(regexp = QueueStore.NAME, message = "must be a queue name: a-z, 0-9, _") String queue) {
    return new Callbacks(queue, conversations.callbacksIn(queue));
  }
}
