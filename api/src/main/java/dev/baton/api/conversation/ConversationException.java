package dev.baton.api.conversation;

import dev.baton.conversation.ConversationFailures.Rejection;

/** Why a conversation call could not be done; each kind becomes one problem type. */
abstract sealed class ConversationException extends RuntimeException {
  ConversationException(String message, Throwable cause) {
    super(message, cause);
  }

  /** No conversation has this id. */
  static final class NotFound extends ConversationException {
    final String conversationId;

    NotFound(String conversationId) {
      super("There is no conversation " + conversationId + ".", null);
      this.conversationId = conversationId;
    }
  }

  /** The conversation refused the call: the message was invalid, or it is no longer open. */
  static final class Rejected extends ConversationException {
    final Rejection rejection;

    Rejected(Rejection rejection) {
      super(rejection.detail(), null);
      this.rejection = rejection;
    }
  }

  /**
   * Temporal or the worker did not answer in time. Nothing was lost: repeating the call with the
   * same clientMessageId returns the turn once it has run.
   */
  static final class Unavailable extends ConversationException {
    Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
