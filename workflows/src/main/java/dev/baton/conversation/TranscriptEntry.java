package dev.baton.conversation;

import java.util.List;

/**
 * One write to the transcript: the conversation's current state, the messages added since the
 * last write, and the status change that happened with them, if any.
 */
public record TranscriptEntry(
    ConversationView conversation, List<Message> messages, StatusChange statusChange) {

  /**
   * A move from one holder of the conversation to another.
   *
   * @param number 1 for the conversation's first change; makes the write idempotent
   */
  public record StatusChange(
      int number,
      ConversationStatus from,
      ConversationStatus to,
      String reason,
      java.time.Instant at) {}
}
