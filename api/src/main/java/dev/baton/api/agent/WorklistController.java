package dev.baton.api.agent;

import dev.baton.api.limits.Limits;
import dev.baton.store.conversation.ConversationStore;
import dev.baton.store.conversation.HeldConversation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** An agent's worklist from the server, so it survives a reload of the console. */
@RestController
@Validated
@RequestMapping(path = "/api/v1/agents", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Agents", description = "Agent presence, queues and capacity")
class WorklistController {
  private final ConversationStore conversations;

  WorklistController(ConversationStore conversations) {
    this.conversations = conversations;
  }

  /** The customer's last message: what it said and when. */
  record LastMessage(String text, Instant at) {}

  /**
   * One conversation of the worklist.
   *
   * @param issue the handoff summary's primary issue
   * @param waitingForReplySince when the customer started waiting for the agent's reply; {@code
   *     null} when the agent spoke last
   */
  record WorkItem(
      String conversationId,
      String status,
      String queue,
      int priority,
      String issue,
      LastMessage lastCustomerMessage,
      Instant waitingForReplySince) {
    static WorkItem of(HeldConversation held) {
      return new WorkItem(
          held.conversationId(),
          held.status(),
          held.queue(),
          held.priority(),
          held.summary() == null ? null : held.summary().primaryIssue(),
          held.lastCustomerText() == null ? null : new LastMessage(held.lastCustomerText(), held.lastCustomerAt()),
          held.waitingForReplySince());
    }
  }

  record Worklist(String agentId, List<WorkItem> conversations) {}

  @GetMapping("/{agentId}/conversations")
  @Operation(
      summary = "The conversations an agent holds now",
      description =
          "Longest held first, each with its status, the customer's last message and, when the customer"
              + " wrote last, since when they wait for a reply. The agent themselves, or a supervisor.")
  Worklist conversations(@PathVariable @Pattern(regexp = Limits.ID, message = Limits.ID_MESSAGE) String agentId) {
    return new Worklist(agentId, conversations.heldBy(agentId).stream().map(WorkItem::of).toList());
  }
}
