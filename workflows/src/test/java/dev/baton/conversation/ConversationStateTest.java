package dev.baton.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.conversation.legacy.CarriedState;
import dev.baton.escalation.Dossier;
import dev.baton.escalation.Escalation;
import dev.baton.escalation.EscalationReason;
import dev.baton.hours.Waiting;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one carried state: read from the shape runs used to hand over, and copied whole. */
class ConversationStateTest {
  private static final Instant AT = Instant.parse("2026-11-20T10:15:30Z");
  private static final Escalation ESCALATED =
      new Escalation(EscalationReason.CUSTOMER_REQUEST, "Asked for a person.", "orders", 2, null, AT);

  @Test
  void aRunOfTheOldShapeHandsOverEverythingItCarried() {
    TurnResult answered = new TurnResult(ConversationStatus.AGENT_ACTIVE, List.of());
    Message unwritten = new Message(7, Author.CUSTOMER, null, "still there?", AT);
    CarriedState carried =
        new CarriedState(
            ConversationStatus.AGENT_ACTIVE, 7, 2, 3, "track_order", 0.9, -0.2, true,
            List.of(new CarriedState.RememberedTurn("m1", answered), new CarriedState.RememberedTurn("m2", answered)),
            List.of(unwritten),
            new CarriedState.EscalationState(
                1, 2, 1_000L, 0, null, ESCALATED, null, null, 4, AT,
                "alice", "Alice", true, new Waiting(Duration.ofMinutes(2), Duration.ofMinutes(10), null, 1), "note"));

    ConversationState state = carried.toState();

    assertThat(state.status).isEqualTo(ConversationStatus.AGENT_ACTIVE);
    assertThat(state.lastSeq).isEqualTo(7);
    assertThat(state.statusChanges).isEqualTo(2);
    assertThat(state.turns).isEqualTo(3);
    assertThat(state.intent).isEqualTo("track_order");
    assertThat(state.greeted).isTrue();
    assertThat(state.recentTurns).containsOnlyKeys("m1", "m2").containsEntry("m2", answered);
    assertThat(state.recentTurns.keySet()).containsExactly("m1", "m2");
    assertThat(state.unrecorded).containsExactly(unwritten);
    assertThat(state.turnsWithoutProgress).isEqualTo(2);
    assertThat(state.unresolvedSince).isEqualTo(1_000L);
    assertThat(state.dossier).isEqualTo(Dossier.EMPTY);
    assertThat(state.escalation).isEqualTo(ESCALATED);
    assertThat(state.helpdeskWrites).isEqualTo(4);
    assertThat(state.waitingSince).isEqualTo(AT);
    assertThat(state.assignedAgent).isEqualTo("alice");
    assertThat(state.agentName).isEqualTo("Alice");
    assertThat(state.slaMissed).isTrue();
    assertThat(state.waiting.maxWait()).isEqualTo(Duration.ofMinutes(10));
    assertThat(state.agentNote).isEqualTo("note");
  }

  @Test
  void aRunFromBeforeTheEscalationEngineCarriedNoEscalation() {
    CarriedState carried =
        new CarriedState(ConversationStatus.BOT_ACTIVE, 4, 0, 2, "greeting", 0.99, 0, false, List.of(), List.of(), null);

    ConversationState state = carried.toState();

    assertThat(state.turns).isEqualTo(2);
    assertThat(state.escalation).isNull();
    assertThat(state.dossier).isEqualTo(Dossier.EMPTY);
  }

  @Test
  void aCopyIsDeepSoAFailedHandlerCannotReachThroughIt() {
    ConversationState state = new ConversationState();
    state.remember("m1", new TurnResult(ConversationStatus.BOT_ACTIVE, List.of()));
    state.escalation = ESCALATED;

    ConversationState copy = state.copy();
    state.remember("m2", new TurnResult(ConversationStatus.BOT_ACTIVE, List.of()));
    state.turns = 5;

    assertThat(copy.recentTurns).containsOnlyKeys("m1");
    assertThat(copy.turns).isZero();
    assertThat(copy.escalation).isEqualTo(ESCALATED);
  }
}
