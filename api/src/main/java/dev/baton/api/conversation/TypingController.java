package dev.baton.api.conversation;

import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.http.HttpStatus;
import dev.baton.api.limits.Limits;
import dev.baton.api.security.Caller;
import dev.baton.store.notify.Notifier;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * "Is typing": passed to everyone following the conversation as an event of its stream, through
 * PostgreSQL's notifications (so every api instance hears it), and written nowhere: not to the
 * workflow's history, not to the transcript.
 */
@RestController
@Validated
@RequestMapping("/api/v1/conversations/{conversationId}")
@Tag(name = "Conversations")
class TypingController {
  private final Notifier notifier;

  TypingController(Notifier notifier) {
    this.notifier = notifier;
  }

  @ResponseStatus(HttpStatus.NO_CONTENT) // the documented success status (the body is built below)
  @PostMapping("/typing")
  @Operation(
      summary = "Say that the caller is typing",
      description =
          "The customer or an agent of the conversation; the other side's stream gets a typing event"
              + " {author, agentId}. Nothing is stored. Pages send it at most every few seconds while"
              + " someone types, and show the other side's for a few seconds after the last one.")
  ResponseEntity<Void> typing(@PathVariable @Pattern(regexp = Limits.ID, message = Limits.ID_MESSAGE) String conversationId) {
    Caller caller = Caller.current();
    if (caller.customer()) {
      notifier.typing(conversationId, "CUSTOMER", null);
    } else {
      notifier.typing(conversationId, "AGENT", caller.name());
    }
    return ResponseEntity.noContent().build();
  }
}
