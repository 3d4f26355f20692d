package dev.baton.api.conversation;

import dev.baton.api.limits.Limits;
import dev.baton.api.limits.StreamSlots;
import jakarta.servlet.http.HttpServletRequest;
import dev.baton.api.problem.ApiException;
import dev.baton.api.problem.Problems;
import dev.baton.store.conversation.ConversationStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** A conversation as it happens, for chat windows and agent consoles: server-sent events. */
@RestController
@Validated
@RequestMapping("/api/v1/conversations")
@Tag(name = "Conversations")
class ConversationStreamController {
  private final ConversationStore store;
  private final ConversationStreams streams;
  private final StreamSlots slots;

  ConversationStreamController(ConversationStore store, ConversationStreams streams, StreamSlots slots) {
    this.store = store;
    this.streams = streams;
    this.slots = slots;
  }

  @GetMapping(path = "/{conversationId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @Operation(
      summary = "Follow a conversation live",
      description =
          "Server-sent events. First every message with seq above `after` (or above the"
              + " `Last-Event-ID` header a reconnecting EventSource sends), then each new one, as"
              + " event `message` with the seq as event id; and event `status` on connect and whenever"
              + " it changes. Staff get the staff view: Message, {status, queue, assignedAgent,"
              + " position}, and `typing` {author, agentId}. The conversation's customer gets the"
              + " customer view: ChatMessage, {status, waiting, agentName}, and `typing` {author}. The"
              + " stream ends after a final status (RESOLVED, ABANDONED, CLOSED). Any api instance"
              + " serves any conversation. 429 when the client or the conversation has too many"
              + " streams open (baton.limits.streams).")
  SseEmitter stream(
      @PathVariable @Pattern(regexp = Limits.ID, message = Limits.ID_MESSAGE) String conversationId,
      @RequestParam(defaultValue = "0") @Min(0) long after,
      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
      HttpServletRequest request) {
    if (store.find(conversationId).isEmpty()) {
      throw new ConversationException.NotFound(conversationId);
    }
    long from = lastEventId == null || lastEventId.isBlank() ? after : seq(lastEventId);
    Runnable release = slots.acquire(request.getRemoteAddr(), conversationId);
    try {
      ConversationStreams.View view =
          ConversationReader.staffAsks() ? ConversationStreams.View.STAFF : ConversationStreams.View.CUSTOMER;
      return streams.follow(conversationId, view, from, release);
    } catch (RuntimeException e) {
      release.run();
      throw e;
    }
  }

  /** The browser echoes the id of the last event it got, which is always a message's seq. */
  private static long seq(String lastEventId) {
    try {
      long seq = Long.parseLong(lastEventId.strip());
      if (seq >= 0) {
        return seq;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new BadLastEventId();
  }

  static final class BadLastEventId extends ApiException {
    private static final long serialVersionUID = 1L;

    BadLastEventId() {
      super(
          Problems.INVALID_REQUEST,
          HttpStatus.BAD_REQUEST,
          "Last-Event-ID must be a message seq (a whole number, 0 or more).",
          Map.of("errors", List.of(Map.of("field", "Last-Event-ID", "message", "must be a message seq"))),
          null);
    }
  }
}
