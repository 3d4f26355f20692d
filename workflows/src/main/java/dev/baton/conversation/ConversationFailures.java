package dev.baton.conversation;

import io.temporal.failure.ApplicationFailure;

/**
 * The typed failures conversation updates reject with. Their types are part of the contract:
 * the API maps them to problem+json responses.
 */
public final class ConversationFailures {
  /** The message is empty, too long or otherwise unusable. */
  public static final String INVALID_MESSAGE = "InvalidMessage";
  /** The conversation no longer accepts messages. */
  public static final String CONVERSATION_CLOSED = "ConversationClosed";

  private ConversationFailures() {}

  static ApplicationFailure invalidMessage(String field, String problem) {
    return ApplicationFailure.newNonRetryableFailure(field + ": " + problem, INVALID_MESSAGE, field);
  }

  static ApplicationFailure closed(ConversationStatus status) {
    return ApplicationFailure.newNonRetryableFailure(
        "The conversation is " + status + " and accepts no more messages.",
        CONVERSATION_CLOSED,
        status.name());
  }
}
