package dev.baton.store.conversation;

import static dev.baton.conversation.ConversationStatus.ABANDONED;
import static dev.baton.conversation.ConversationStatus.AGENT_ACTIVE;
import static dev.baton.conversation.ConversationStatus.AWAITING_AGENT;
import static dev.baton.conversation.ConversationStatus.BOT_ACTIVE;
import static dev.baton.conversation.ConversationStatus.CALLBACK_SCHEDULED;
import static dev.baton.conversation.ConversationStatus.CLOSED;
import static dev.baton.conversation.ConversationStatus.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.conversation.ConversationStatus;
import dev.baton.conversation.ConversationView;
import dev.baton.conversation.TranscriptEntry.StatusChange;
import dev.baton.store.StoreDatabase;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which events each status change stands for: one row per move, as operations.md lists them. */
class ConversationEventsTest {

  static Stream<Arguments> moves() {
    return Stream.of(
        Arguments.of(BOT_ACTIVE, AWAITING_AGENT, "CUSTOMER_REQUEST: asked", false, "ESCALATED"),
        Arguments.of(BOT_ACTIVE, CALLBACK_SCHEDULED, "CUSTOMER_REQUEST: asked", false, "ESCALATED CALLBACK_CREATED"),
        Arguments.of(AWAITING_AGENT, CALLBACK_SCHEDULED, "max wait", true, "CALLBACK_CREATED"),
        Arguments.of(AWAITING_AGENT, AGENT_ACTIVE, "Taken over by alice", true, "TAKEN_OVER/AWAITING_AGENT"),
        Arguments.of(CALLBACK_SCHEDULED, AGENT_ACTIVE, "Taken over by alice", true, "TAKEN_OVER/CALLBACK_SCHEDULED"),
        Arguments.of(AGENT_ACTIVE, AWAITING_AGENT, "Transferred by alice to billing", true, "TRANSFERRED"),
        Arguments.of(AGENT_ACTIVE, AWAITING_AGENT, "Returned to the queue: alice went offline", true, "RETURNED"),
        Arguments.of(AGENT_ACTIVE, BOT_ACTIVE, "Handed back to the bot by alice", true, "RELEASED"),
        Arguments.of(BOT_ACTIVE, RESOLVED, "The customer said the problem is solved", false, "RESOLVED/BOT"),
        Arguments.of(BOT_ACTIVE, RESOLVED, "The customer said the problem is solved", true, "RESOLVED/AFTER_HANDOFF"),
        Arguments.of(AGENT_ACTIVE, RESOLVED, "Resolved by alice", true, "RESOLVED/AFTER_HANDOFF"),
        Arguments.of(BOT_ACTIVE, ABANDONED, "No message from the customer for 15m", false, "ABANDONED/BOT_PHASE"),
        Arguments.of(AWAITING_AGENT, CLOSED, "Closed by the customer", true, "ABANDONED/IN_QUEUE"),
        Arguments.of(BOT_ACTIVE, CLOSED, "Closed by the customer", false, "CLOSED/BOT_ACTIVE"),
        Arguments.of(CALLBACK_SCHEDULED, CLOSED, "Closed by the customer", true, "CLOSED/CALLBACK_SCHEDULED"),
        Arguments.of(CALLBACK_SCHEDULED, AWAITING_AGENT, "The general queue opened", true, ""));
  }

  @ParameterizedTest(name = "{0} → {1} ({2}): {4}")
  @MethodSource("moves")
  void aMoveStandsForItsEvents(ConversationStatus from, ConversationStatus to, String reason, boolean escalated, String expected) {
    ConversationView after = escalated ? StoreDatabase.waiting("c", "general", 1, StoreDatabase.T0) : StoreDatabase.view("c", to, 1);
    StatusChange change = new StatusChange(1, from, to, reason, StoreDatabase.T0);

    String events =
        String.join(" ", ConversationEvents.of(change, after).stream()
            .map(e -> e.phase() == null ? e.kind() : e.kind() + "/" + e.phase())
            .toList());

    assertThat(events).isEqualTo(expected);
  }
}
