package dev.baton.api.conversation;

import dev.baton.agents.AgentRequests;
import dev.baton.api.conversation.ConversationResponses.AgentTurn;
import dev.baton.api.conversation.ConversationResponses.Conversation;
import dev.baton.api.limits.Clean;
import dev.baton.api.limits.Limits;
import dev.baton.api.problem.ApiException;
import dev.baton.api.problem.Problems;
import dev.baton.api.security.Caller;
import dev.baton.conversation.ConversationFailures.Rejection;
import dev.baton.conversation.ConversationFailures;
import dev.baton.conversation.ConversationStatus;
import dev.baton.conversation.ConversationView;
import dev.baton.conversation.ConversationWorkflow;
import dev.baton.conversation.Message;
import dev.baton.escalation.HandoffSummary;
import dev.baton.store.agents.AgentStore;
import dev.baton.store.conversation.ConversationStore;
import dev.baton.store.queues.QueueStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** What agents do with a conversation: take it over, write, transfer, hand back, resolve. */
@RestController
@Validated
@RequestMapping(path = "/api/v1/conversations/{conversationId}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Agents")
class AgentConversationController {
  private static final String AGENT_ID = Limits.ID;
  private static final String ID_MESSAGE = Limits.ID_MESSAGE;

  private final ConversationService conversations;
  private final ConversationReader reader;
  private final AgentStore agents;
  private final AgentNames names;
  private final ConversationStore store;

  AgentConversationController(
      ConversationService conversations,
      ConversationReader reader,
      AgentStore agents,
      AgentNames names,
      ConversationStore store) {
    this.conversations = conversations;
    this.reader = reader;
    this.agents = agents;
    this.names = names;
    this.store = store;
  }

  // The agent acting is the caller (their token), never a field of the body; a body may still
  // name them, as clients did before, and naming anyone else is refused (403).

  record TakeoverBody(@Pattern(regexp = AGENT_ID, message = ID_MESSAGE) String agentId) {}

  record AgentMessageBody(
      @Pattern(regexp = AGENT_ID, message = ID_MESSAGE) String agentId,
      @Clean String text,
      @NotBlank @Pattern(regexp = ConversationRequests.CLIENT_ID, message = ID_MESSAGE) String clientMessageId) {}

  record TransferBody(
      @Pattern(regexp = AGENT_ID, message = ID_MESSAGE) String agentId,
      @NotBlank @Pattern(regexp = QueueStore.NAME, message = "must be a queue name") String queue,
      @Size(max = Limits.NOTE) @Clean String note) {}

  record NoteBody(
      @Pattern(regexp = AGENT_ID, message = ID_MESSAGE) String agentId,
      @Size(max = Limits.NOTE) @Clean String note) {}

  record RequeueBody(@Size(max = Limits.NOTE) @Clean String note) {}

  record CsatBody(@NotNull @Min(1) @Max(5) Integer score, @Size(max = Limits.NOTE) @Clean String comment) {}

  /**
   * What an agent taking over reads: the summary first, the transcript second (its latest page, as
   * in the conversation, whose earlierCursor reads the lines before it).
   */
  record Takeover(HandoffSummary summary, List<Message> transcript, Conversation conversation) {}

  @PostMapping(path = "/takeover", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Take over a waiting conversation",
      description =
          "Exactly one agent gets it; another agent racing for it gets 409 naming who holds it."
              + " 409 too when the agent is not ONLINE, does not serve the queue, or is full: capacity"
              + " is reserved atomically, so parallel takeovers by one agent never exceed it.")
  Takeover takeover(
      @PathVariable @Pattern(regexp = Limits.ID, message = Limits.ID_MESSAGE) String conversationId,
      @Valid @RequestBody(required = false) TakeoverBody body) {
    String agentId = acting(body == null ? null : body.agentId());
    var agent =
        agents
            .find(agentId)
            .orElseThrow(
                () ->
                    new ConversationException.Rejected(
                        new Rejection(
                            ConversationFailures.AGENT_UNAVAILABLE,
                            agentId,
                            "There is no agent " + agentId + "; set their presence first.")));
    // The place is held before the conversation is asked and given back once it has answered:
    // by then the read model counts the conversation as held, or it was not taken.
    if (!agents.reserve(agentId, conversationId)) {
      throw new ConversationException.Rejected(
          new Rejection(
              ConversationFailures.AGENT_UNAVAILABLE,
              agentId,
              agentId + " is not ONLINE or already has " + agent.maxConcurrent() + " of " + agent.maxConcurrent()
                  + " conversations."));
    }
    ConversationView taken;
    try {
      // The conversation tells the customer who joined: by the name they may know, not the login.
      taken = conversations.takeover(conversationId, agent.snapshot().named(names.forSentences(agentId)));
    } finally {
      agents.release(agentId, conversationId);
    }
    return new Takeover(
        taken.summary(), Transcripts.latest(store, conversationId).messages(), reader.staffView(conversationId));
  }

  @PostMapping(path = "/agent-messages", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Write to the customer, as the agent holding the conversation (403 otherwise)")
  AgentTurn agentMessage(@PathVariable @Pattern(regexp = Limits.ID, message = Limits.ID_MESSAGE) String conversationId, @Valid @RequestBody AgentMessageBody body) {
    var turn =
        conversations.agentMessage(
            conversationId, new AgentRequests.AgentMessage(acting(body.agentId()), body.clientMessageId(), body.text()));
    return new AgentTurn(turn.status(), turn.replies());
  }

  @PostMapping(path = "/transfer", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Send the conversation to another queue's waiting list, with a note")
  Conversation transfer(@PathVariable @Pattern(regexp = Limits.ID, message = Limits.ID_MESSAGE) String conversationId, @Valid @RequestBody TransferBody body) {
    conversations.transfer(conversationId, new AgentRequests.Transfer(acting(body.agentId()), body.queue(), body.note()));
    return reader.staffView(conversationId);
  }

  @PostMapping(path = "/release", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Hand the conversation back to the bot, with a note for it")
  Conversation release(@PathVariable @Pattern(regexp = Limits.ID, message = Limits.ID_MESSAGE) String conversationId, @Valid @RequestBody NoteBody body) {
    conversations.release(conversationId, new AgentRequests.AgentNote(acting(body.agentId()), body.note()));
    return reader.staffView(conversationId);
  }

  @PostMapping(path = "/resolve", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Mark the conversation resolved; it ends and the customer may rate it")
  Conversation resolve(@PathVariable @Pattern(regexp = Limits.ID, message = Limits.ID_MESSAGE) String conversationId, @Valid @RequestBody NoteBody body) {
    conversations.resolve(conversationId, new AgentRequests.AgentNote(acting(body.agentId()), body.note()));
    return reader.staffView(conversationId);
  }

  @PostMapping(path = "/notes", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Add an internal note for staff to the handoff summary",
      description =
          "Staff of the conversation's queue and supervisors; the customer never reads it and nothing is said in the"
              + " conversation. The summary keeps the latest 10 notes. 400 while the bot has held the conversation"
              + " from the start (it has no summary yet).")
  Conversation addNote(@PathVariable @Pattern(regexp = Limits.ID, message = Limits.ID_MESSAGE) String conversationId, @Valid @RequestBody NoteBody body) {
    conversations.change(conversationId, ConversationWorkflow::addNote, new AgentRequests.AgentNote(acting(body.agentId()), body.note()));
    return reader.staffView(conversationId);
  }

  @PostMapping(path = "/requeue")
  @Operation(
      summary = "Take a conversation from its holder and put it back in the waiting list, first in line",
      description =
          "For supervisors: reassign a conversation whose agent cannot go on. Baton does the same by"
              + " itself when the holder goes offline or stays silent past baton.agents.holder-timeout."
              + " 403 not-holder when no agent holds it.")
  Conversation requeue(@PathVariable String conversationId, @Valid @RequestBody(required = false) RequeueBody body) {
    String by = Caller.current().name();
    String note = body == null || body.note() == null || body.note().isBlank() ? "" : ": " + body.note().strip();
    conversations.requeue(conversationId, new AgentRequests.Requeue(null, "reassigned by " + by + note));
    return reader.staffView(conversationId);
  }

  /** The agent acting: the caller. A body naming someone else is refused, never believed. */
  private static String acting(String named) {
    String me = Caller.current().name();
    if (named != null && !named.equals(me)) {
      throw new ApiException(
          Problems.FORBIDDEN,
          HttpStatus.FORBIDDEN,
          "The body names agent " + named + ", but the token is " + me + "'s; an agent acts only as themselves.",
          Map.of("agentId", named),
          null);
    }
    return me;
  }

  @ResponseStatus(HttpStatus.CREATED) // the documented success status (the body is built below)
  @PostMapping(path = "/csat", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "The customer rates a conversation that was resolved or that they ended, 1 to 5; rating again replaces it")
  ResponseEntity<CsatBody> csat(@PathVariable @Pattern(regexp = Limits.ID, message = Limits.ID_MESSAGE) String conversationId, @Valid @RequestBody CsatBody body) {
    var recorded = store.find(conversationId).orElseThrow(() -> new ConversationException.NotFound(conversationId));
    if (recorded.status() != ConversationStatus.RESOLVED && recorded.status() != ConversationStatus.CLOSED) {
      throw new NotResolved(recorded.status());
    }
    store.rate(conversationId, body.score(), body.comment());
    return ResponseEntity.status(HttpStatus.CREATED).body(body);
  }

  static final class NotResolved extends ApiException {
    private static final long serialVersionUID = 1L;

    NotResolved(ConversationStatus status) {
      super(
          Problems.NOT_RESOLVED,
          HttpStatus.CONFLICT,
          "Only a conversation that was resolved or ended by the customer can be rated; this one is " + status + ".",
          Map.of("conversationStatus", status),
          null);
    }
  }
}
