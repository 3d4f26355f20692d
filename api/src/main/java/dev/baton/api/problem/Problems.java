package dev.baton.api.problem;

import java.net.URI;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Baton's problem types. The {@code type} of every error response is one of these URNs; clients
 * may branch on it, so a type, once published, keeps its meaning.
 */
public enum Problems {
  INVALID_REQUEST("invalid-request", "The request is invalid"),
  MALFORMED_JSON("malformed-json", "The body is not valid JSON"),
  UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "The body must be application/json"),
  NOT_ACCEPTABLE("not-acceptable", "The requested media type cannot be produced"),
  METHOD_NOT_ALLOWED("method-not-allowed", "The method is not allowed here"),
  NOT_FOUND("not-found", "No such resource"),
  CONVERSATION_NOT_FOUND("conversation-not-found", "No such conversation"),
  CONVERSATION_CLOSED("conversation-closed", "The conversation is no longer open"),
  CONVERSATION_MESSAGE_LIMIT("conversation-message-limit", "The conversation has taken all the messages it may"),
  CONVERSATION_TAKEN("conversation-taken", "Another agent holds the conversation, or it is not waiting"),
  AGENT_UNAVAILABLE("agent-unavailable", "The agent cannot take this conversation"),
  NOT_HOLDER("not-holder", "Only the agent holding the conversation may do this"),
  NOT_RESOLVED("not-resolved", "The conversation is not resolved yet"),
  TICKET_NOT_FOUND("ticket-not-found", "No such ticket"),
  TICKET_STATUS_CONFLICT("ticket-status-conflict", "The ticket cannot move to that status"),
  BOT_TURN_NOT_FOUND("bot-turn-not-found", "The bot read no such message"),
  UNKNOWN_INTENT("unknown-intent", "The bot has no such intent"),
  REVIEW_CONFLICT("review-conflict", "The message was already decided otherwise"),
  PAYLOAD_TOO_LARGE("payload-too-large", "The request is too large"),
  TOO_MANY_REQUESTS("too-many-requests", "Too many requests; slow down"),
  TOO_MANY_STARTS("too-many-starts", "Too many conversations started; wait before starting another"),
  TOO_MANY_STREAMS("too-many-streams", "Too many open event streams"),
  UNAUTHENTICATED("unauthenticated", "A valid bearer token is needed"),
  FORBIDDEN("forbidden", "The caller may not do this"),
  INVALID_CREDENTIALS("invalid-credentials", "The username or password is wrong"),
  FRESH_SIGN_IN_REQUIRED("fresh-sign-in-required", "Sign in again with your password to do this"),
  INVALID_IDENTITY("invalid-identity", "The identity claim is not valid"),
  ACCOUNT_EXISTS("account-exists", "An account with this username exists"),
  PRESENCE_EXPIRED("presence-expired", "The agent's presence expired; go online again"),
  SERVICE_UNAVAILABLE("service-unavailable", "The service is busy; retry the call"),
  INTERNAL_ERROR("internal-error", "Something went wrong on our side");

  private final URI type;
  private final String title;

  Problems(String slug, String title) {
    this.type = URI.create("urn:baton:problem:" + slug);
    this.title = title;
  }

  public URI type() {
    return type;
  }

  public String title() {
    return title;
  }

  public ProblemDetail with(HttpStatusCode status, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(type);
    problem.setTitle(title);
    return problem;
  }
}
