package dev.baton.conversation.legacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.conversation.Callback;
import dev.baton.conversation.ConversationState;
import dev.baton.conversation.ConversationStatus;
import dev.baton.conversation.Message;
import dev.baton.conversation.TurnResult;
import dev.baton.escalation.Dossier;
import dev.baton.escalation.Escalation;
import dev.baton.escalation.HandoffSummary;
import dev.baton.hours.Waiting;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import java.time.Instant;
import java.util.List;

/**
 * What a run of the old shape handed to the next on continue-as-new, before the whole {@link
 * ConversationState} travelled ("phases"). Read, never written: a run that starts from it carries
 * a {@link ConversationState} on. The record's package is not in the payload, only its fields.
 */
public record CarriedState(
    ConversationStatus status,
    long lastSeq,
    int statusChanges,
    int turns,
    String intent,
    double confidence,
    double sentiment,
    boolean greeted,
    List<RememberedTurn> recentTurns,
    List<Message> unrecorded,
    EscalationState escalation) {

  /**
   * Where the escalation engine stands. {@code null} in runs started before it existed.
   *
   * @param unresolvedSince workflow time (epoch millis) of the first message the bot has not
   *     answered yet; {@code null} when every message was answered
   * @param helpdeskWrites helpdesk calls made so far; numbers their idempotency keys
   * @param waitingSince when the wait for a person began (the escalation, or the queue's opening
   *     for a callback); the pickup clock runs from here
   */
  public record EscalationState(
      int clarificationsAsked,
      int turnsWithoutProgress,
      Long unresolvedSince,
      int botFailuresInRow,
      Dossier dossier,
      Escalation escalation,
      HandoffSummary summary,
      Callback callback,
      int helpdeskWrites,
      Instant waitingSince,
      String assignedAgent,
      String agentName,
      boolean slaMissed,
      Waiting waiting,
      String agentNote) {}

  /** The answer given to one client message id. */
  public record RememberedTurn(String clientMessageId, TurnResult result) {}

  /**
   * The state this carried: the same names, except that the escalation's fields sat in a record
   * of their own and the remembered turns in a list.
   */
  public ConversationState toState() {
    ObjectMapper json = JacksonJsonPayloadConverter.newDefaultObjectMapper();
    ObjectNode tree = json.valueToTree(this);
    JsonNode escalation = tree.remove("escalation");
    if (escalation instanceof ObjectNode fields) {
      tree.setAll(fields);
    }
    JsonNode turns = tree.remove("recentTurns");
    ObjectNode remembered = tree.putObject("recentTurns");
    turns.forEach(turn -> remembered.set(turn.get("clientMessageId").asText(), turn.get("result")));
    try {
      ConversationState state = json.treeToValue(tree, ConversationState.class);
      state.dossier = state.dossier == null ? Dossier.EMPTY : state.dossier;
      return state;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The carried state of an earlier run cannot be read", e);
    }
  }
}
