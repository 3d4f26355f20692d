package dev.baton.conversation;

import dev.baton.agents.AgentRequests;
import dev.baton.agents.AgentSnapshot;
import dev.baton.agents.Availability;
import dev.baton.conversation.Turns.Turn;
import dev.baton.escalation.Durations;
import dev.baton.escalation.Escalation;
import dev.baton.helpdesk.TicketStatus;
import dev.baton.helpdesk.TicketUpdate;
import dev.baton.hours.QueueSchedule;
import java.util.Map;

/**
 * Escalated and waiting for a person. Its deadlines: the pickup SLA (the conversation moves up,
 * and the customer hears an honest new expectation) and the longest wait (it becomes a callback
 * ticket). Exactly one agent takes it over, from here or from a scheduled callback.
 */
final class WaitingPhase implements Phase {
  private final Conversation conversation;
  private final EscalationStep escalation;
  private final TicketSync tickets;

  WaitingPhase(Conversation conversation, EscalationStep escalation, TicketSync tickets) {
    this.conversation = conversation;
    this.escalation = escalation;
    this.tickets = tickets;
  }

  @Override
  public Deadline deadline() {
    ConversationState state = conversation.state;
    if (!conversation.era.checksAgents() || state.waiting == null || state.waitingSince == null) {
      return null;
    }
    if (state.slaMissed || state.waiting.maxWait().compareTo(state.waiting.pickupSla()) <= 0) {
      return new Deadline(
          ConversationStatus.AWAITING_AGENT, "max-wait", state.waitingSince.plus(state.waiting.maxWait()),
          "longest wait " + Durations.words(state.waiting.maxWait()) + " (" + state.escalation.queue() + "): callback",
          this::onMaxWait);
    }
    return new Deadline(
        ConversationStatus.AWAITING_AGENT, "pickup-sla", state.waitingSince.plus(state.waiting.pickupSla()),
        "pickup SLA " + Durations.words(state.waiting.pickupSla()) + " (" + state.escalation.queue() + ")",
        this::onPickupSlaMissed);
  }

  /**
   * Nobody picked the conversation up within the pickup SLA: it moves up (and over to the overflow
   * queue, when there is one), and the customer hears an updated, honest expectation.
   */
  private void onPickupSlaMissed(Turn turn) {
    ConversationState state = conversation.state;
    if (state.status != ConversationStatus.AWAITING_AGENT || state.slaMissed) {
      return;
    }
    state.slaMissed = true;
    Escalation was = state.escalation;
    String queue = state.waiting.overflowQueue() != null ? state.waiting.overflowQueue() : was.queue();
    int priority =
        Math.min(was.priority() + state.waiting.slaPriorityBoost(), conversation.policy.rules().priorities().max());
    state.reroute(queue, priority, null);
    turn.operators().set(BatonSearchAttributes.QUEUE, queue);
    Availability now = conversation.activities.agents.availability(queue, priority, conversation.id);
    QueueSchedule schedule = conversation.activities.hours.schedule(queue);
    turn.say(
        conversation.line(
            Author.SYSTEM, null, EscalationStep.fillWaiting(conversation.queueSentence(schedule.copy().slaMissed(), null), now)));
  }

  /** Nobody picked it up within the longest wait: it becomes a callback ticket. */
  private void onMaxWait(Turn turn) {
    ConversationState state = conversation.state;
    if (state.status != ConversationStatus.AWAITING_AGENT) {
      return;
    }
    QueueSchedule schedule = conversation.activities.hours.schedule(state.escalation.queue());
    String why =
        Conversation.fill(conversation.sentences().noPickup(), Map.of("waited", Durations.words(state.waiting.maxWait())));
    escalation.scheduleCallback(why, schedule, escalation.laterOpening(schedule), schedule.copy().maxWait(), turn);
  }

  /**
   * Whether {@code request}'s agent may take the conversation now; also the update's validator,
   * which decides on the agent as the API found them, since a validator cannot look anything up.
   */
  void checkTakeover(AgentRequests.Takeover request) {
    ConversationState state = conversation.state;
    if (!state.status.isOpen()) {
      throw ConversationFailures.closed(state.status);
    }
    if (state.status == ConversationStatus.AGENT_ACTIVE) {
      throw ConversationFailures.notWaiting(
          state.assignedAgent, "The conversation is already held by " + state.assignedAgent + ".");
    }
    if (state.status != ConversationStatus.AWAITING_AGENT && state.status != ConversationStatus.CALLBACK_SCHEDULED) {
      throw ConversationFailures.notWaiting(state.status.name(), "The conversation is not waiting for a person.");
    }
    AgentSnapshot agent = request == null ? null : request.agent();
    if (agent == null || agent.agentId() == null) {
      throw ConversationFailures.agentUnavailable("unknown", "The agent is not known.");
    }
    if (!agent.online()) {
      throw ConversationFailures.agentUnavailable(
          agent.agentId(), agent.agentId() + " is " + agent.status() + ", not ONLINE.");
    }
    if (state.escalation != null && !agent.serves(state.escalation.queue())) {
      throw ConversationFailures.agentUnavailable(
          agent.agentId(), agent.agentId() + " does not serve the " + state.escalation.queue() + " queue.");
    }
    if (!agent.hasRoom()) {
      throw ConversationFailures.agentUnavailable(
          agent.agentId(),
          agent.agentId() + " already has " + agent.activeConversations() + " of " + agent.maxConcurrent()
              + " conversations.");
    }
  }

  /** Exactly one agent takes the conversation; the bot falls silent. */
  void takeover(AgentRequests.Takeover request, Turn turn) {
    // Checked again under the lock: a takeover queued behind another one must not take it twice.
    checkTakeover(request);
    ConversationState state = conversation.state;
    AgentSnapshot agent = request.agent();
    state.assignedAgent = agent.agentId();
    state.agentName = agent.name() == null || agent.name().isBlank() ? agent.agentId() : agent.name();
    turn.moveTo(ConversationStatus.AGENT_ACTIVE, "Taken over by " + state.assignedAgent);
    if (state.callback != null && state.callback.ticketId() != null) {
      tickets.update(
          new TicketUpdate(
              conversation.helpdeskKey("ticket-update"), state.callback.ticketId(), TicketStatus.OPEN, null,
              "Taken over by " + state.agentName + " (" + state.assignedAgent + ") in Baton."));
    }
    turn.say(conversation.line(Author.SYSTEM, conversation.sentences().agentJoined(), Map.of("agent", state.agentName)));
  }
}
