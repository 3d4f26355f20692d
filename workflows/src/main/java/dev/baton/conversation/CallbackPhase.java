package dev.baton.conversation;

import dev.baton.conversation.Turns.Turn;
import dev.baton.helpdesk.TicketComment;
import dev.baton.helpdesk.TicketStatus;
import dev.baton.helpdesk.TicketUpdate;
import dev.baton.hours.QueueSchedule;

/**
 * Nobody could take the conversation, and a callback ticket carries the promise. What the
 * customer writes meanwhile goes to the ticket; when the queue opens, the conversation goes first
 * in line with the pickup clock starting then.
 */
final class CallbackPhase implements Phase {
  private final Conversation conversation;
  private final TicketSync tickets;

  CallbackPhase(Conversation conversation, TicketSync tickets) {
    this.conversation = conversation;
    this.tickets = tickets;
  }

  @Override
  public Deadline deadline() {
    Callback callback = conversation.state.callback;
    if (!conversation.era.keepsHours() || callback == null || callback.opensAt() == null) {
      return null;
    }
    return new Deadline(
        ConversationStatus.CALLBACK_SCHEDULED, "opening", callback.opensAt(),
        "wait for " + conversation.state.escalation.queue() + " to open", this::onQueueOpened);
  }

  /** The customer wrote while waiting for a callback: the message goes to the ticket too. */
  void customerWrote(Message said, Turn turn) {
    Callback callback = conversation.state.callback;
    if (callback == null || callback.ticketId() == null) {
      return;
    }
    tickets.comment(
        new TicketComment(
            conversation.id + ":comment:" + said.seq(), callback.ticketId(),
            "The customer wrote at " + said.at() + ": " + said.text()));
    QueueSchedule schedule = conversation.activities.hours.schedule(conversation.state.escalation.queue());
    turn.say(
        conversation.line(
            Author.SYSTEM, null, schedule.copy().addedToTicket().replace("{ticket}", callback.ticketReference())));
  }

  /**
   * The queue opened: the conversation joins it ahead of those that came later (the wait counts
   * from the escalation, so it sorts first at its priority), the pickup clock starts now, and the
   * ticket is opened.
   */
  private void onQueueOpened(Turn turn) {
    ConversationState state = conversation.state;
    if (state.status != ConversationStatus.CALLBACK_SCHEDULED) {
      return;
    }
    state.pickupClockFrom(conversation.now());
    String queue = state.escalation.queue();
    turn.moveTo(ConversationStatus.AWAITING_AGENT, "The " + queue + " queue opened");
    if (state.callback.ticketId() != null) {
      tickets.update(
          new TicketUpdate(
              conversation.helpdeskKey("ticket-update"), state.callback.ticketId(), TicketStatus.OPEN,
              state.escalation.priority(),
              "The " + queue + " queue opened at " + conversation.now() + "; this callback is first in line."));
    }
    QueueSchedule schedule = conversation.activities.hours.schedule(queue);
    if (conversation.era.checksAgents()) {
      state.waitBy(schedule.waiting());
    }
    turn.say(conversation.line(Author.SYSTEM, null, conversation.queueSentence(schedule.copy().queueOpened(), null)));
  }
}
