package dev.baton.conversation;

import io.temporal.failure.ApplicationFailure;
import java.util.Optional;

/**
 * The typed failures conversation updates reject with. Their types are part of the contract:
 * the API maps them to problem+json responses.
 *
 * <p>Temporal Java SDK 1.38.0 serialises a validator's failure twice, so a client sees the type
 * {@code WorkflowExecutionException} instead of ours (sdk-java issue 2875, fixed after that
 * release). The message survives, so it starts with the type and subject, and {@link #rejection}
 * reads either form.
 */
public final class ConversationFailures {
  /** The message is empty, too long or otherwise unusable; the subject names the field. */
  public static final String INVALID_MESSAGE = "InvalidMessage";
  /** The conversation took as many customer messages as one conversation takes; the subject is the cap. */
  public static final String MESSAGE_LIMIT = "MessageLimit";
  /** The conversation no longer accepts messages; the subject is its status. */
  public static final String CONVERSATION_CLOSED = "ConversationClosed";
  /** Not waiting for a person (someone has it, or the bot does); the subject is who or what. */
  public static final String NOT_WAITING = "NotWaiting";
  /** The agent cannot take it: not online, not on the queue, or full; the subject is the agent. */
  public static final String AGENT_UNAVAILABLE = "AgentUnavailable";
  /** Only the agent holding the conversation may do this; the subject is the holder. */
  public static final String NOT_HOLDER = "NotHolder";
  /**
   * Something the conversation needed (a look-up, the bot, the transcript) failed after its
   * retries; nothing was changed and the same call may be repeated. The subject is what failed.
   */
  public static final String UNAVAILABLE = "Unavailable";
  /**
   * The conversation is handing over to a fresh run and takes no new calls until it has; the
   * same call may be repeated a second later. The subject is the conversation's status.
   */
  public static final String BUSY = "Busy";

  private ConversationFailures() {}

  /** Why an update was refused: the failure type, what it is about, and a sentence for people. */
  public record Rejection(String type, String subject, String detail) {}

  static ApplicationFailure invalidMessage(String field, String problem) {
    return failure(INVALID_MESSAGE, field, field + " " + problem);
  }

  static ApplicationFailure messageLimit(int cap) {
    return failure(
        MESSAGE_LIMIT,
        String.valueOf(cap),
        "This conversation has " + cap + " customer messages, the most one conversation takes; start a new"
            + " conversation to go on.");
  }

  static ApplicationFailure notWaiting(String holder, String detail) {
    return failure(NOT_WAITING, holder, detail);
  }

  static ApplicationFailure agentUnavailable(String agentId, String detail) {
    return failure(AGENT_UNAVAILABLE, agentId, detail);
  }

  static ApplicationFailure notHolder(String holder, String detail) {
    return failure(NOT_HOLDER, holder == null ? "nobody" : holder, detail);
  }

  static ApplicationFailure unavailable(io.temporal.failure.ActivityFailure failure) {
    String what = failure.getActivityType() == null ? "activity" : failure.getActivityType();
    return failure(
        UNAVAILABLE, what, what + " failed; nothing was changed, and the same call may be repeated.");
  }

  static ApplicationFailure busy(ConversationStatus status) {
    return failure(BUSY, status.name(), "The conversation is moving to a fresh run; repeat the call in a second.");
  }

  static ApplicationFailure closed(ConversationStatus status) {
    return failure(
        CONVERSATION_CLOSED,
        status.name(),
        "The conversation is " + status + " and accepts no more messages.");
  }

  private static ApplicationFailure failure(String type, String subject, String detail) {
    return ApplicationFailure.newNonRetryableFailure(
        type + " " + subject + ": " + detail, type, subject, detail);
  }

  /** Finds one of our rejections anywhere in a client exception's cause chain. */
  public static Optional<Rejection> rejection(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure failure) {
        Optional<Rejection> found = read(failure);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Rejection> read(ApplicationFailure failure) {
    String message = failure.getOriginalMessage();
    if (message == null) {
      return Optional.empty();
    }
    for (String type :
        new String[] {
          INVALID_MESSAGE, MESSAGE_LIMIT, CONVERSATION_CLOSED, NOT_WAITING, AGENT_UNAVAILABLE, NOT_HOLDER, UNAVAILABLE,
          BUSY
        }) {
      if (message.startsWith(type + " ")) {
        int colon = message.indexOf(": ", type.length() + 1);
        if (colon > 0) {
          return Optional.of(
              new Rejection(
                  type, message.substring(type.length() + 1, colon), message.substring(colon + 2)));
        }
      }
    }
    return Optional.empty();
  }
}
