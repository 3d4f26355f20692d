package dev.baton.api.queue;

import dev.baton.api.limits.Clean;
import dev.baton.api.limits.Limits;
import dev.baton.api.security.Caller;
import dev.baton.store.queues.QueueStore;
import dev.baton.store.replies.CannedReply;
import dev.baton.store.replies.CannedReplyStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Replies agents of a queue insert with one click; supervisors keep them. */
@RestController
@Validated
@RequestMapping(path = "/api/v1/queues", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Queues", description = "Business hours of the agent queues")
class CannedReplyController {
  private final CannedReplyStore replies;

  CannedReplyController(CannedReplyStore replies) {
    this.replies = replies;
  }

  record Reply(
      @NotBlank @Size(max = Limits.CANNED_TITLE) @Clean String title,
      @NotBlank @Size(max = Limits.CANNED_TEXT) @Clean String text) {}

  record RepliesBody(@NotNull @Size(max = Limits.CANNED_REPLIES) List<@NotNull @Valid Reply> replies) {}

  record Replies(String queue, List<CannedReply> replies) {}

  @GetMapping("/{queue}/canned-replies")
  @Operation(
      summary = "A queue's canned replies, in order",
      description = "Variables {name}, {order} and {agent} are left in the text; the console fills them.")
  Replies get(@PathVariable @Pattern(regexp = QueueStore.NAME, message = "must be a queue name: a-z, 0-9, _") String queue) {
    return new Replies(queue, replies.list(queue));
  }

  @PutMapping(path = "/{queue}/canned-replies", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Replace a queue's canned replies (supervisors)")
  Replies put(
      @PathVariable @Pattern(regexp = QueueStore.NAME, message = "must be a queue name: a-z, 0-9, _") String queue,
      @Valid @RequestBody RepliesBody body) {
    List<CannedReply> given = body.replies().stream().map(r -> new CannedReply(r.title().strip(), r.text())).toList();
    return new Replies(queue, replies.replace(queue, given, Caller.current().name()));
  }
}
