package dev.baton.api.conversation;

import dev.baton.api.limits.Limits;
import dev.baton.api.problem.ApiException;
import dev.baton.api.problem.Problems;
import dev.baton.api.security.Caller;
import dev.baton.conversation.ConversationStatus;
import dev.baton.store.conversation.ConversationQuery;
import dev.baton.store.conversation.ConversationStore;
import dev.baton.store.conversation.ListedConversation;
import dev.baton.store.queues.QueueStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The list of conversations, for operators, from the read model in PostgreSQL (one conversation's
 * live state is {@code GET /api/v1/conversations/{id}}). Supervisors see every conversation; an
 * agent sees those in their queues and those they hold.
 */
@RestController
@Validated
@RequestMapping(path = "/api/v1/conversations", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Conversations")
class ConversationListController {
  static final int MAX_LIMIT = 200;
  private static final String CURSOR_VERSION = "c1";
  private final ConversationStore store;

  ConversationListController(ConversationStore store) {
    this.store = store;
  }

  /**
   * A page of conversations.
   *
   * @param nextCursor pass as {@code cursor} for the next page; {@code null} on the last page
   */
  record ConversationPage(List<ListedConversation> conversations, String nextCursor) {}

  @GetMapping
  @Operation(
      summary = "List conversations",
      description =
          "Newest first (by start). Every filter is optional; `from` (inclusive) and `to` (exclusive) bound"
              + " when the conversation started. Page with the `nextCursor` of the previous answer. Agents see"
              + " the conversations of their queues and those they hold; supervisors see all.")
  ConversationPage list(
      @RequestParam(required = false) ConversationStatus status,
      @RequestParam(required = false) @Pattern(regexp = QueueStore.NAME, message = "must be a queue name") String queue,
      @RequestParam(required = false) @Pattern(regexp = Limits.ID, message = Limits.ID_MESSAGE) String agent,
      @RequestParam(required = false) @Pattern(regexp = Limits.ID, message = Limits.ID_MESSAGE) String customer,
      @Parameter(description = "RFC 3339 instant, e.g. 2026-12-01T00:00:00Z")
          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
      @Parameter(description = "RFC 3339 instant, exclusive")
          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
      @RequestParam(required = false) @Size(max = 400, message = "is not a cursor this API gave out") String cursor,
      @RequestParam(defaultValue = "50") @Min(1) @Max(MAX_LIMIT) int limit) {
    if (from != null && to != null && !from.isBefore(to)) {
      throw invalid("`from` must be before `to`.");
    }
    Caller caller = Caller.current();
    boolean everything = caller.supervisor();
    ConversationQuery query =
        new ConversationQuery(
            status, queue, agent, customer, from, to, everything ? null : caller.queues(), everything ? null : caller.name());
    // One more than asked tells whether there is a next page without a count.
    List<ListedConversation> found = store.list(query, cursor == null ? null : decode(cursor), limit + 1);
    if (found.size() <= limit) {
      return new ConversationPage(found, null);
    }
    List<ListedConversation> page = found.subList(0, limit);
    return new ConversationPage(List.copyOf(page), encode(page.get(limit - 1).position()));
  }

  /** Where the page ended: the last conversation's start and id, opaque to clients. */
  static String encode(ListedConversation.Position last) {
    String position = CURSOR_VERSION + "|" + last.startedAt() + "|" + last.conversationId();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
  }

  static ListedConversation.Position decode(String cursor) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 3);
      if (parts.length != 3 || !CURSOR_VERSION.equals(parts[0]) || !parts[2].matches(Limits.ID)) {
        throw invalid("`cursor` is not one this API gave out.");
      }
      return new ListedConversation.Position(Instant.parse(parts[1]), parts[2]);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw invalid("`cursor` is not one this API gave out.");
    }
  }

  private static ApiException invalid(String detail) {
    return new ApiException(Problems.INVALID_REQUEST, HttpStatus.BAD_REQUEST, detail);
  }
}
