package dev.baton.api.conversation;

import dev.baton.agents.Availability;
import dev.baton.conversation.Author;
import dev.baton.conversation.Callback;
import dev.baton.conversation.ConversationStatus;
import dev.baton.conversation.Customer;
import dev.baton.conversation.Message;
import dev.baton.escalation.Escalation;
import dev.baton.escalation.HandoffSummary;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The JSON bodies the API answers with. A conversation has two views: the staff view ({@link
 * Conversation}: everything, for supervisors and the agents of its queue) and the customer view
 * ({@link CustomerConversation}: what its customer may read). They are separate types, never one
 * with fields blanked, so a field added to the staff view cannot reach a customer by accident.
 */
final class ConversationResponses {
  private ConversationResponses() {}

  /**
   * @param replies what the bot (or Baton) answered, as the customer reads them
   * @param customerToken the bearer token for every later call of this conversation's customer
   * @param customerTokenExpiresAt when it stops working
   */
  record Started(
      String conversationId, ConversationStatus status, List<ChatMessage> replies, String customerToken,
      Instant customerTokenExpiresAt) {}

  record Turn(ConversationStatus status, List<ChatMessage> replies) {}

  /** An agent's message and what it changed, as staff read it. */
  record AgentTurn(ConversationStatus status, List<Message> replies) {}

  /** A conversation as the caller may read it: the staff view for staff, the customer view for its customer. */
  @Schema(oneOf = {Conversation.class, CustomerConversation.class})
  sealed interface ConversationAnswer permits Conversation, CustomerConversation {}

  /**
   * One conversation as staff read it: its live state, the bot's reading, the escalation and the
   * handoff summary with agents' notes, and its transcript with agents' logins.
   *
   * @param escalation why, where and how urgently a person was brought in; {@code null} before
   * @param summary the handoff summary; {@code null} until the conversation is escalated
   * @param callback the callback promised out of hours, with its ticket; {@code null} if none
   * @param waiting the place in the queue and the expected wait, while waiting for a person
   * @param messages the latest page of the transcript (at most {@link Transcripts#PAGE} lines),
   *     oldest first
   * @param earlierCursor pass as {@code before} to {@code GET …/messages} for the lines before
   *     these; {@code null} when these begin the transcript
   * @param temporalUi the conversation's page in the Temporal Web UI; {@code null} when no UI is
   *     configured ({@code baton.temporal-ui.base-url})
   */
  @Schema(description = "A conversation as staff read it (supervisors, and agents of its queue or its holder).")
  record Conversation(
      String conversationId,
      ConversationStatus status,
      Customer customer,
      String channel,
      String intent,
      Double confidence,
      Double sentiment,
      String queue,
      String assignedAgent,
      Escalation escalation,
      HandoffSummary summary,
      Callback callback,
      Place waiting,
      long lastSeq,
      List<Message> messages,
      @Schema(types = {"integer", "null"}, format = "int64", description = EARLIER_CURSOR) Long earlierCursor,
      String temporalUi)
      implements ConversationAnswer {}

  /**
   * One conversation as its customer reads it: where it stands, who is with them, what was
   * promised, and the transcript. Nothing of how staff see it: no notes, no bot's reading, no
   * priority, no queue, no login.
   *
   * @param waiting the place in line and the expected wait, while waiting for a person; {@code
   *     null} otherwise
   * @param agentName the display name of the agent holding the conversation; {@code null} when
   *     none does, or the agent gave no name but their login
   * @param callback the callback promised out of hours; {@code null} if none
   * @param messages the latest page of the transcript (at most {@link Transcripts#PAGE} lines),
   *     oldest first
   * @param earlierCursor pass as {@code before} to {@code GET …/messages} for the lines before
   *     these; {@code null} when these begin the transcript
   */
  @Schema(description = "A conversation as its customer reads it (a customer token).")
  record CustomerConversation(
      String conversationId,
      ConversationStatus status,
      Place waiting,
      String agentName,
      CustomerCallback callback,
      long lastSeq,
      List<ChatMessage> messages,
      @Schema(types = {"integer", "null"}, format = "int64", description = EARLIER_CURSOR) Long earlierCursor)
      implements ConversationAnswer {}

  /**
   * A line of the transcript as the customer reads it.
   *
   * @param agentName an agent's line: the agent's display name (never their login); {@code null}
   *     for other lines, or when the agent gave no name
   */
  @Schema(description = "A line of the transcript as the customer reads it.")
  record ChatMessage(long seq, Author author, String agentName, String text, Instant at) {}

  /**
   * The callback a customer was promised out of hours.
   *
   * @param ticketReference the ticket they were told ("#1042"); {@code null} when the helpdesk took none
   * @param promisedBy when they were promised a contact
   */
  record CustomerCallback(String ticketReference, Instant promisedBy) {
    static CustomerCallback of(Callback callback) {
      return callback == null ? null : new CustomerCallback(callback.ticketReference(), callback.promisedBy());
    }
  }

  /** Messages as the caller may read them: with agents' logins for staff, their display names for the customer. */
  @Schema(oneOf = {Messages.class, ChatMessages.class})
  sealed interface MessagesAnswer permits Messages, ChatMessages {}

  /**
   * A page of messages as staff read them.
   *
   * @param nextCursor where the next page in the same direction starts: pass it as {@code after}
   *     (reading forwards) or {@code before} (reading backwards); {@code null} when there is none
   *     yet
   */
  @Schema(description = "A page of messages as staff read them.")
  record Messages(
      String conversationId,
      List<Message> messages,
      @Schema(types = {"integer", "null"}, format = "int64", description = NEXT_CURSOR) Long nextCursor)
      implements MessagesAnswer {}

  /** A page of messages as the conversation's customer reads them; {@code nextCursor} as in {@link Messages}. */
  @Schema(description = "A page of messages as the conversation's customer reads them.")
  record ChatMessages(
      String conversationId,
      List<ChatMessage> messages,
      @Schema(types = {"integer", "null"}, format = "int64", description = NEXT_CURSOR) Long nextCursor)
      implements MessagesAnswer {}

  static final String EARLIER_CURSOR =
      "Pass as `before` to GET /api/v1/conversations/{conversationId}/messages for the lines before these;"
          + " null when these begin the transcript.";

  static final String NEXT_CURSOR =
      "Where the next page in the same direction starts: pass it as `after` (reading forwards) or `before`"
          + " (reading backwards). Null when there is no further page (reading forwards: none yet).";

  /** A waiting conversation's place in its queue and the expected wait. */
  record Place(int position, Duration estimatedWait) {
    static Place of(Availability availability) {
      return new Place(availability.position(), availability.estimatedWait());
    }
  }
}
