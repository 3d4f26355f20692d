package dev.baton.api.conversation;

import dev.baton.api.problem.Problems;
import dev.baton.conversation.ConversationFailures;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Conversation errors as problem+json: 400 invalid message, 404, 409 closed, 503 busy. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConversationExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ConversationExceptionHandler.class);
  /** How long a front end should wait before repeating a call that got 503. */
  private static final String RETRY_AFTER_SECONDS = "2";

  @ExceptionHandler(ConversationException.NotFound.class)
  ResponseEntity<ProblemDetail> notFound(ConversationException.NotFound e) {
    ProblemDetail problem = Problems.CONVERSATION_NOT_FOUND.with(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setProperty("conversationId", e.conversationId);
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
  }

  @ExceptionHandler(ConversationException.Rejected.class)
  ResponseEntity<ProblemDetail> rejected(ConversationException.Rejected e) {
    var rejection = e.rejection;
    if (ConversationFailures.NOT_WAITING.equals(rejection.type())) {
      ProblemDetail problem = Problems.CONVERSATION_TAKEN.with(HttpStatus.CONFLICT, rejection.detail());
      problem.setProperty("heldBy", rejection.subject());
      return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }
    if (ConversationFailures.AGENT_UNAVAILABLE.equals(rejection.type())) {
      ProblemDetail problem = Problems.AGENT_UNAVAILABLE.with(HttpStatus.CONFLICT, rejection.detail());
      problem.setProperty("agentId", rejection.subject());
      return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }
    if (ConversationFailures.NOT_HOLDER.equals(rejection.type())) {
      ProblemDetail problem = Problems.NOT_HOLDER.with(HttpStatus.FORBIDDEN, rejection.detail());
      problem.setProperty("heldBy", rejection.subject());
      return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
    }
    if (ConversationFailures.UNAVAILABLE.equals(rejection.type())) {
      // Something the conversation needed failed after its retries; it changed nothing.
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
          .body(Problems.SERVICE_UNAVAILABLE.with(HttpStatus.SERVICE_UNAVAILABLE, rejection.detail()));
    }
    if (ConversationFailures.CONVERSATION_CLOSED.equals(rejection.type())) {
      ProblemDetail problem = Problems.CONVERSATION_CLOSED.with(HttpStatus.CONFLICT, rejection.detail());
      problem.setProperty("conversationStatus", rejection.subject());
      return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }
    String detail = rejection.detail().endsWith(".") ? rejection.detail() : rejection.detail() + ".";
    ProblemDetail problem = Problems.INVALID_REQUEST.with(HttpStatus.BAD_REQUEST, detail);
    String message =
        rejection.detail().startsWith(rejection.subject() + " ")
            ? rejection.detail().substring(rejection.subject().length() + 1)
            : rejection.detail();
    problem.setProperty("errors", List.of(Map.of("field", rejection.subject(), "message", message)));
    return ResponseEntity.badRequest().body(problem);
  }

  @ExceptionHandler(ConversationException.Unavailable.class)
  ResponseEntity<ProblemDetail> unavailable(ConversationException.Unavailable e) {
    log.warn("Conversation call failed: {}", e.getMessage(), e.getCause());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
        .body(Problems.SERVICE_UNAVAILABLE.with(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
  }
}
