package dev.baton.api.conversation;

import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.http.HttpStatus;
import dev.baton.api.conversation.ConversationRequests.CloseConversation;
import dev.baton.api.limits.Limits;
import dev.baton.api.limits.StartLimits;
import dev.baton.api.conversation.ConversationRequests.CustomerBody;
import dev.baton.api.conversation.ConversationRequests.RequestHandoff;
import dev.baton.api.conversation.ConversationRequests.SendMessage;
import dev.baton.api.conversation.ConversationRequests.StartConversation;
import dev.baton.api.conversation.ConversationResponses.ConversationAnswer;
import dev.baton.api.conversation.ConversationResponses.CustomerConversation;
import dev.baton.api.conversation.ConversationResponses.MessagesAnswer;
import dev.baton.api.conversation.ConversationResponses.Started;
import dev.baton.api.conversation.ConversationResponses.Turn;
import dev.baton.conversation.CloseRequest;
import dev.baton.conversation.ConversationFailures;
import dev.baton.conversation.ConversationFailures.Rejection;
import dev.baton.conversation.Customer;
import dev.baton.conversation.CustomerMessage;
import dev.baton.conversation.HandoffRequest;
import dev.baton.api.security.CustomerTokens;
import dev.baton.api.security.IdentityClaims;
import dev.baton.store.conversation.ConversationStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import dev.baton.api.problem.ApiException;
import dev.baton.api.problem.Problems;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Conversations as chat front ends use them: start, talk, read, close. */
@RestController
@Validated
@RequestMapping(path = "/api/v1/conversations", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Conversations", description = "For chat front ends: one conversation per customer chat")
class ConversationController {
  private final ConversationService conversations;
  private final ConversationReader reader;
  private final ConversationStore store;
  private final ConversationProperties properties;
  private final IdentityClaims identities;
  private final CustomerTokens tokens;
  private final StartLimits starts;

  ConversationController(
      ConversationService conversations,
      ConversationReader reader,
      ConversationStore store,
      ConversationProperties properties,
      IdentityClaims identities,
      CustomerTokens tokens,
      StartLimits starts) {
    this.conversations = conversations;
    this.reader = reader;
    this.store = store;
    this.properties = properties;
    this.identities = identities;
    this.tokens = tokens;
    this.starts = starts;
  }

  @ResponseStatus(HttpStatus.CREATED) // the documented success status (the body is built below)
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Start a conversation",
      description =
          "Starts a conversation and answers its first message in the same call (without text the"
              + " bot greets). Repeating the call with the same customer id and clientMessageId"
              + " returns the same conversation and reply. The answer carries the customerToken"
              + " every later call of this customer needs. The tier comes only from a signed"
              + " identity claim; without one the customer is of the standard tier. Starts are"
              + " limited per client address and per customer id (429 too-many-starts with"
              + " Retry-After); a repeated call with the same clientMessageId is not counted again.")
  ResponseEntity<Started> start(@Valid @RequestBody StartConversation body, HttpServletRequest request) {
    if (body.text() != null) {
      checkText(body.text());
    }
    CustomerBody who = body.customer();
    Customer customer;
    if (body.identity() != null) {
      IdentityClaims.Verified claim = identities.verify(body.identity());
      customer =
          new Customer(
              claim.id(),
              claim.name() != null ? claim.name() : who.name(),
              claim.email(),
              claim.tier(),
              claim.language() != null ? claim.language() : who.language(),
              null,
              true);
    } else {
      if (who.email() != null && !IdentityClaims.validEmail(who.email())) {
        throw IdentityClaims.invalidEmail("customer.email");
      }
      // What an anonymous client declares buys no privilege: the tier is the standard one.
      customer = new Customer(who.id(), who.name(), who.email(), IdentityClaims.STANDARD_TIER, who.language());
    }
    // Counted once the caller's input is known good, before anything is started; a retry of the
    // same start (same customer, same clientMessageId) lands on the same conversation and is not
    // counted again.
    starts.take(
        request.getRemoteAddr(),
        (customer.verified() ? "verified:" : "anonymous:") + customer.id(),
        body.clientMessageId() == null
            ? null
            : ConversationService.conversationId(customer.id(), customer.verified(), body.clientMessageId()));
    ConversationService.Opened opened = conversations.start(customer, body.channel(), body.text(), body.clientMessageId());
    CustomerTokens.Issued token = tokens.issue(opened.conversationId(), customer.id());
    return ResponseEntity.created(URI.create("/api/v1/conversations/" + opened.conversationId()))
        .body(
            new Started(
                opened.conversationId(),
                opened.turn().status(),
                reader.forCustomer(opened.turn().replies()),
                token.token(),
                token.expiresAt()));
  }

  @PostMapping(path = "/{conversationId}/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Send a customer message",
      description =
          "Returns the replies to this message. A retry with the same clientMessageId returns the"
              + " first answer and adds nothing to the transcript. A conversation takes at most"
              + " baton.conversation.max-customer-messages (500 by default) customer messages; the"
              + " next is answered 409 conversation-message-limit, with the limit.")
  Turn send(@PathVariable @Pattern(regexp = Limits.ID, message = Limits.ID_MESSAGE) String conversationId, @Valid @RequestBody SendMessage body) {
    // Checked before Temporal sees it. The conversation checks again against the limit fixed
    // when it started, which a later change of the setting does not move.
    checkText(body.text());
    var turn = conversations.send(conversationId, new CustomerMessage(body.clientMessageId(), body.text()));
    return new Turn(turn.status(), reader.forCustomer(turn.replies()));
  }

  @GetMapping("/{conversationId}")
  @Operation(
      summary = "Read a conversation: its live state and the latest page of its transcript",
      description =
          "Staff (supervisors, agents of its queue, its holder) read the staff view, Conversation;"
              + " its customer reads the customer view, CustomerConversation: status, place in line,"
              + " expected wait, the agent's display name, the callback promised, and the messages."
              + " Either carries the latest " + Transcripts.PAGE + " messages; earlierCursor, when not"
              + " null, is the `before` that reads the ones ahead of them from …/messages.")
  ConversationAnswer get(@PathVariable @Pattern(regexp = Limits.ID, message = Limits.ID_MESSAGE) String conversationId) {
    return reader.read(conversationId);
  }

  @GetMapping("/{conversationId}/messages")
  @Operation(
      summary = "A page of messages",
      description =
          "Pages forwards with `after` (the lines after that seq; a front end that polls passes the"
              + " highest seq it has shown) or backwards with `before` (the lines before that seq, for"
              + " \"load earlier messages\"; a conversation's view carries the latest page and the"
              + " `before` for the page ahead of it as earlierCursor). Without either, from the first"
              + " line. Lines come oldest first, at most `limit`; `nextCursor` is the `after` or"
              + " `before` of the next page in the same direction, null when there is none. Staff read"
              + " Messages (an agent's line names their agentId); the customer reads ChatMessages (an"
              + " agent's line names their display name, agentName).")
  MessagesAnswer messages(
      @PathVariable @Pattern(regexp = Limits.ID, message = Limits.ID_MESSAGE) String conversationId,
      @Parameter(description = "Lines after this seq, oldest first; not with `before`")
          @RequestParam(required = false) @Min(0) Long after,
      @Parameter(description = "Lines before this seq, the nearest ones; not with `after`")
          @RequestParam(required = false) @Min(1) Long before,
      @Parameter(description = "Lines in the page, at most " + Transcripts.MAX_PAGE)
          @RequestParam(defaultValue = "" + Transcripts.PAGE) @Min(1) @Max(Transcripts.MAX_PAGE) int limit) {
    if (after != null && before != null) {
      throw new ApiException(Problems.INVALID_REQUEST, HttpStatus.BAD_REQUEST, "Pass `after` or `before`, not both.");
    }
    if (store.find(conversationId).isEmpty()) {
      throw new ConversationException.NotFound(conversationId);
    }
    return reader.messages(
        conversationId,
        before != null
            ? Transcripts.before(store, conversationId, before, limit)
            : Transcripts.after(store, conversationId, after == null ? 0 : after, limit));
  }

  @PostMapping(path = "/{conversationId}/handoff")
  @Operation(
      summary = "Ask for a person",
      description =
          "The front end's \"talk to a person\" button. Escalates at once, with the handoff summary,"
              + " and answers with the conversation. On a conversation already with people it"
              + " changes nothing and answers the same way; on a finished one, 409. Answers with"
              + " the customer view.")
  CustomerConversation handoff(
      @PathVariable @Pattern(regexp = Limits.ID, message = Limits.ID_MESSAGE) String conversationId,
      @Valid @RequestBody(required = false) RequestHandoff body) {
    conversations.handoff(conversationId, new HandoffRequest(body == null ? null : body.note()));
    return reader.customerView(conversationId);
  }

  @PostMapping(path = "/{conversationId}/close")
  @Operation(
      summary = "Close a conversation",
      description =
          "The body, with a reason, is optional. Answers with the conversation as GET does: the"
              + " customer view for its customer, the staff view for a supervisor.")
  ConversationAnswer close(
      @PathVariable @Pattern(regexp = Limits.ID, message = Limits.ID_MESSAGE) String conversationId,
      @Valid @RequestBody(required = false) CloseConversation body) {
    conversations.close(conversationId, new CloseRequest(body == null ? null : body.reason()));
    return reader.read(conversationId);
  }

  private void checkText(String text) {
    if (text == null || text.isBlank()) {
      throw rejected("must not be empty");
    }
    if (text.length() > properties.maxMessageLength()) {
      throw rejected("must be at most " + properties.maxMessageLength() + " characters");
    }
  }

  private static ConversationException.Rejected rejected(String problem) {
    return new ConversationException.Rejected(
        new Rejection(ConversationFailures.INVALID_MESSAGE, "text", "text " + problem));
  }
}
