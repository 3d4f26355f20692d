package dev.baton.conversation;

import dev.baton.agents.AgentRequests;
import dev.baton.conversation.Turns.Turn;
import dev.baton.escalation.Escalation;
import dev.baton.escalation.EscalationRules;
import dev.baton.helpdesk.TicketStatus;
import dev.baton.helpdesk.TicketUpdate;
import dev.baton.hours.Waiting;
import java.util.Map;

/**
 * One agent holds the conversation and the bot is silent. Only the holder may write to the
 * customer, send the conversation to another queue, hand it back to the bot or resolve it. No
 * deadline: the agent decides.
 */
final class AgentPhase implements Phase {
  private final Conversation conversation;
  private final TicketSync tickets;

  AgentPhase(Conversation conversation, TicketSync tickets) {
    this.conversation = conversation;
    this.tickets = tickets;
  }

  @Override
  public Deadline deadline() {
    return null;
  }

  /** Refuses anyone but the holding agent. */
  void checkHolder(String agentId) {
    ConversationState state = conversation.state;
    if (!state.status.isOpen()) {
      throw ConversationFailures.closed(state.status);
    }
    if (state.status != ConversationStatus.AGENT_ACTIVE || agentId == null || !agentId.equals(state.assignedAgent)) {
      throw ConversationFailures.notHolder(
          state.assignedAgent,
          state.assignedAgent == null
              ? "No agent holds this conversation."
              : "Only " + state.assignedAgent + ", who holds the conversation, may do this.");
    }
  }

  Message message(AgentRequests.AgentMessage message, Turn turn) {
    checkHolder(message.agentId());
    turn.quiet();
    return turn.say(conversation.line(Author.AGENT, message.agentId(), message.text()));
  }

  /** Back to the waiting list of another queue, with the agent's note in the summary. */
  void transfer(AgentRequests.Transfer request, Turn turn) {
    checkHolder(request.agentId());
    String queue = request.queue().strip();
    // Everything the transition needs is read before anything changes.
    Waiting waiting = conversation.activities.hours.schedule(queue).waiting();
    ConversationState state = conversation.state;
    String from = state.agentName;
    String note = request.note() == null || request.note().isBlank() ? null : from + ": " + request.note().strip();
    state.reroute(queue, state.escalation.priority(), note);
    state.assignedAgent = null;
    state.agentName = null;
    state.pickupClockFrom(conversation.now());
    state.waitBy(waiting);
    turn.moveTo(ConversationStatus.AWAITING_AGENT, "Transferred by " + from + " to " + queue);
    turn.operators().set(BatonSearchAttributes.QUEUE, queue);
    turn.say(
        conversation.line(
            Author.SYSTEM, conversation.sentences().transferred(), Map.of("agent", from, "team", conversation.team(queue))));
  }

  /** Hands the conversation back to the bot, which starts afresh with the agent's note. */
  void release(AgentRequests.AgentNote request, Turn turn) {
    checkHolder(request.agentId());
    ConversationState state = conversation.state;
    String from = state.agentName;
    state.agentNote = request.note() == null || request.note().isBlank() ? null : request.note().strip();
    if (state.agentNote != null) {
      state.noteForStaff(from + ": " + state.agentNote);
    }
    state.assignedAgent = null;
    state.agentName = null;
    state.clarificationsAsked = 0;
    state.turnsWithoutProgress = 0;
    state.stopNoProgressClock();
    state.botFailuresInRow = 0;
    // The bot's idle clock starts again now, not from the customer's last message to the agent.
    state.lastCustomerActivity = conversation.now();
    turn.moveTo(ConversationStatus.BOT_ACTIVE, "Handed back to the bot by " + from);
    turn.say(conversation.line(Author.BOT, conversation.sentences().handedBack(), Map.of("agent", from)));
  }

  /**
   * Whether the conversation can go back to the waiting list: an agent holds it (the one the
   * request names, when it names one). Runs from before the update have none and refuse it
   * ({@link Era#requeues}), so nothing they replay changes.
   */
  void checkRequeue(AgentRequests.Requeue request) {
    ConversationState state = conversation.state;
    if (!state.status.isOpen()) {
      throw ConversationFailures.closed(state.status);
    }
    String holder = request == null ? null : request.holder();
    if (state.status != ConversationStatus.AGENT_ACTIVE
        || !conversation.era.requeues()
        || (holder != null && !holder.equals(state.assignedAgent))) {
      throw ConversationFailures.notHolder(
          state.assignedAgent,
          state.assignedAgent == null
              ? "No agent holds this conversation."
              : "The conversation is held by " + state.assignedAgent + ", not " + holder + ".");
    }
  }

  /**
   * The holder is gone: back to the waiting list of the same queue, first in line (the highest
   * priority, and the wait counted from the first escalation), with the reason in the summary.
   */
  void requeue(AgentRequests.Requeue request, Turn turn) {
    checkRequeue(request);
    ConversationState state = conversation.state;
    Escalation was = state.escalation;
    Waiting waiting = conversation.activities.hours.schedule(was.queue()).waiting();
    String from = state.agentName;
    String reason = request.reason() == null || request.reason().isBlank() ? from + " is gone" : request.reason().strip();
    int first = conversation.policy.rules().priorities().max();
    state.reroute(was.queue(), first, "Returned to the queue: " + reason);
    state.assignedAgent = null;
    state.agentName = null;
    state.pickupClockFrom(conversation.now());
    state.waitBy(waiting);
    turn.moveTo(ConversationStatus.AWAITING_AGENT, "Returned to the queue: " + reason);
    String sentence = conversation.sentences().requeued();
    // Rules read before this sentence existed have none; the built-in one says the same.
    turn.say(
        conversation.line(
            Author.SYSTEM, sentence != null ? sentence : EscalationRules.Sentences.BUILT_IN.requeued(), Map.of("agent", from)));
  }

  void resolve(AgentRequests.AgentNote request, Turn turn) {
    checkHolder(request.agentId());
    ConversationState state = conversation.state;
    String from = state.agentName;
    if (request.note() != null && !request.note().isBlank()) {
      state.noteForStaff(from + ": " + request.note().strip());
    }
    turn.moveTo(ConversationStatus.RESOLVED, "Resolved by " + from);
    if (state.callback != null && state.callback.ticketId() != null) {
      tickets.update(
          new TicketUpdate(
              conversation.helpdeskKey("ticket-update"), state.callback.ticketId(), TicketStatus.SOLVED, null,
              "Resolved by " + from + " in Baton."));
    }
    turn.say(conversation.line(Author.SYSTEM, conversation.sentences().resolvedByAgent(), Map.of("agent", from)));
  }
}
