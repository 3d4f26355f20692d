package dev.baton.api.conversation;

import dev.baton.api.limits.Limits;
import dev.baton.store.conversation.ConversationStore;
import dev.baton.store.conversation.EarlierConversation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What an agent should know before answering: the customer's other recent conversations. */
@RestController
@Validated
@RequestMapping(path = "/api/v1/conversations/{conversationId}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Agents")
class EarlierConversationsController {
  /** How far back an agent sees: long enough for "I wrote last month", short of a history file. */
  static final Duration LOOKBACK = Duration.ofDays(90);

  private final ConversationStore conversations;

  EarlierConversationsController(ConversationStore conversations) {
    this.conversations = conversations;
  }

  record Earlier(String conversationId, Instant since, List<EarlierConversation> conversations) {}

  @GetMapping("/earlier")
  @Operation(
      summary = "The same customer's other conversations of the last 90 days, newest first",
      description =
          "At most 20, each with its status, intent, the issue from its handoff summary and its ticket."
              + " Agents of the conversation's queue, its holder, and supervisors.")
  Earlier earlier(@PathVariable @Pattern(regexp = Limits.ID, message = Limits.ID_MESSAGE) String conversationId) {
    Instant since = Instant.now().minus(LOOKBACK);
    return new Earlier(conversationId, since, conversations.earlierOf(conversationId, since));
  }
}
