package dev.baton.api.conversation;

import dev.baton.agents.Availability;
import dev.baton.conversation.Callback;
import dev.baton.conversation.ConversationStatus;
import dev.baton.conversation.Customer;
import dev.baton.conversation.Message;
import dev.baton.escalation.Escalation;
import dev.baton.escalation.HandoffSummary;
import java.time.Duration;
import java.util.List;

/** The JSON bodies the API answers with. */
final class ConversationResponses {
  private ConversationResponses() {}

  /**
   * @param customerToken the bearer token for every later call of this conversation's customer
   * @param customerTokenExpiresAt when it stops working
   */
  record Started(
      String conversationId, ConversationStatus status, List<Message> replies, String customerToken,
      java.time.Instant customerTokenExpiresAt) {}

  record Turn(ConversationStatus status, List<Message> replies) {}

  /**
   * One conversation: its live state and its transcript.
   *
   * @param escalation why, where and how urgently a person was brought in; {@code null} before
   * @param summary the handoff summary; {@code null} until the conversation is escalated
   * @param callback the callback promised out of hours, with its ticket; {@code null} if none
   * @param waiting the place in the queue and the expected wait, while waiting for a person
   * @param temporalUi the conversation's page in the Temporal Web UI, for staff; {@code null} for
   *     its customer, or when no UI is configured ({@code baton.temporal-ui.base-url})
   */
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
      String temporalUi) {}

  record Messages(String conversationId, List<Message> messages) {}

  /** A waiting conversation's place in its queue and the expected wait. */
  record Place(int position, Duration estimatedWait) {
    static Place of(Availability availability) {
      return new Place(availability.position(), availability.estimatedWait());
    }
  }
}
