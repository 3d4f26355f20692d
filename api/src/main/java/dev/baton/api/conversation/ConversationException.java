package dev.baton.api.conversation;

import dev.baton.api.problem.ApiException;
import dev.baton.api.problem.Problems;
import dev.baton.conversation.ConversationFailures;
import dev.baton.conversation.ConversationFailures.Rejection;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Why a conversation call could not be done; each kind becomes one problem type: 400 invalid
 * message, 404, 409 closed or taken, 403 not the holder, 503 busy.
 */
abstract sealed class ConversationException extends ApiException {
  private static final long serialVersionUID = 1L;

  ConversationException(Problems type, HttpStatus status, String detail, Map<String, ?> properties, Throwable cause) {
    super(type, status, detail, properties, cause);
  }

  /** No conversation has this id. */
  static final class NotFound extends ConversationException {
    private static final long serialVersionUID = 1L;

    NotFound(String conversationId) {
      super(
          Problems.CONVERSATION_NOT_FOUND,
          HttpStatus.NOT_FOUND,
          "There is no conversation " + conversationId + ".",
          Map.of("conversationId", conversationId),
          null);
    }
  }

  /** The conversation refused the call: the message was invalid, or it is no longer open. */
  static final class Rejected extends ConversationException {
    private static final long serialVersionUID = 1L;

    Rejected(Rejection rejection) {
      super(type(rejection), status(rejection), detail(rejection), properties(rejection), null);
    }

    private static Problems type(Rejection r) {
      if (r.type() == null) {
        return Problems.INVALID_REQUEST;
      }
      return switch (r.type()) {
        case ConversationFailures.NOT_WAITING -> Problems.CONVERSATION_TAKEN;
        case ConversationFailures.AGENT_UNAVAILABLE -> Problems.AGENT_UNAVAILABLE;
        case ConversationFailures.NOT_HOLDER -> Problems.NOT_HOLDER;
        case ConversationFailures.CONVERSATION_CLOSED -> Problems.CONVERSATION_CLOSED;
        case ConversationFailures.MESSAGE_LIMIT -> Problems.CONVERSATION_MESSAGE_LIMIT;
        default -> Problems.INVALID_REQUEST;
      };
    }

    private static HttpStatus status(Rejection r) {
      return switch (type(r)) {
        case NOT_HOLDER -> HttpStatus.FORBIDDEN;
        case INVALID_REQUEST -> HttpStatus.BAD_REQUEST;
        default -> HttpStatus.CONFLICT;
      };
    }

    private static String detail(Rejection r) {
      return type(r) != Problems.INVALID_REQUEST || r.detail().endsWith(".") ? r.detail() : r.detail() + ".";
    }

    /** Who holds it, which agent, or which status; for an invalid message, the field and what is wrong. */
    private static Map<String, ?> properties(Rejection r) {
      return switch (type(r)) {
        case CONVERSATION_TAKEN, NOT_HOLDER -> Map.of("heldBy", r.subject());
        case AGENT_UNAVAILABLE -> Map.of("agentId", r.subject());
        // No status when the database, which keeps it, did not answer.
        case CONVERSATION_CLOSED -> r.subject() == null ? Map.of() : Map.of("conversationStatus", r.subject());
        case CONVERSATION_MESSAGE_LIMIT -> Map.of("limit", Integer.parseInt(r.subject()));
        default -> {
          String message =
              r.detail().startsWith(r.subject() + " ") ? r.detail().substring(r.subject().length() + 1) : r.detail();
          yield Map.of("errors", List.of(Map.of("field", r.subject(), "message", message)));
        }
      };
    }
  }

  /** Temporal refused the call as invalid (gRPC INVALID_ARGUMENT and kin): 400. */
  static final class Refused extends ConversationException {
    private static final long serialVersionUID = 1L;

    Refused(Throwable cause) {
      super(
          Problems.INVALID_REQUEST,
          HttpStatus.BAD_REQUEST,
          "The conversation service refused the call as invalid; it was not applied.",
          Map.of(),
          cause);
    }
  }

  /** What the call would send is over one of Temporal's size limits: 413, never retried. */
  static final class TooLarge extends ConversationException {
    private static final long serialVersionUID = 1L;

    TooLarge(Throwable cause) {
      super(
          Problems.PAYLOAD_TOO_LARGE,
          HttpStatus.CONTENT_TOO_LARGE,
          "The call is larger than the conversation service accepts; it was not applied. Send less.",
          Map.of(),
          cause);
    }
  }

  /** Temporal is over its rate limits (gRPC RESOURCE_EXHAUSTED): 429 with Retry-After. */
  static final class Throttled extends ConversationException {
    private static final long serialVersionUID = 1L;
    private static final String RETRY_AFTER_SECONDS = "2";

    Throttled(Throwable cause) {
      super(
          Problems.TOO_MANY_REQUESTS,
          HttpStatus.TOO_MANY_REQUESTS,
          "The conversation service is over its limits; repeat the call with the same clientMessageId"
              + " in a few seconds.",
          Map.of(),
          cause);
    }

    @Override
    public HttpHeaders headers() {
      HttpHeaders headers = new HttpHeaders();
      headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
      return headers;
    }
  }

  /**
   * Temporal or the worker did not answer in time. Nothing was lost: repeating the call with the
   * same clientMessageId returns the turn once it has run.
   */
  static final class Unavailable extends ConversationException {
    private static final long serialVersionUID = 1L;
    /** How long a front end should wait before repeating a call that got 503. */
    private static final String RETRY_AFTER_SECONDS = "2";

    Unavailable(String message, Throwable cause) {
      super(Problems.SERVICE_UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE, message, Map.of(), cause);
    }

    @Override
    public HttpHeaders headers() {
      HttpHeaders headers = new HttpHeaders();
      headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
      return headers;
    }
  }
}
