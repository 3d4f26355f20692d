package dev.baton.conversation;

import dev.baton.agents.Availability;
import dev.baton.agents.QueueSituation;
import dev.baton.conversation.Turns.Turn;
import dev.baton.escalation.Escalation;
import dev.baton.escalation.EscalationReason;
import dev.baton.escalation.EscalationRules.Sentences;
import dev.baton.escalation.Route;
import dev.baton.escalation.Verdict;
import dev.baton.helpdesk.HelpdeskActivities;
import dev.baton.helpdesk.NewTicket;
import dev.baton.helpdesk.Ticket;
import dev.baton.helpdesk.TicketStatus;
import dev.baton.helpdesk.TicketUpdate;
import dev.baton.hours.BusinessHours;
import dev.baton.hours.Promises;
import dev.baton.hours.QueueSchedule;
import io.temporal.common.SearchAttributeKey;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Bringing in a person: routes the conversation, builds the handoff summary, and either promises
 * a person (when the queue is open and someone is free) or files a callback ticket with a concrete
 * time. The decisions themselves are pure ({@code EscalationPolicy}, {@code Router}, {@code
 * Handoff}); this step reads what they need and applies the result.
 */
final class EscalationStep {
  private static final Logger log = Workflow.getLogger(EscalationStep.class);
  /**
   * How long a customer's turn waits for the callback ticket it promises: the built-in helpdesk
   * files one in milliseconds, Zendesk in a few hundred; past that the customer is answered
   * without its number (the turn keeps within the customer's 2 s), and the ticket is
   * kept when it comes ({@link TicketSync#createWithin}, {@link Era#promisesBeforeTheTicket}).
   */
  static final Duration CALLBACK_TICKET_WAIT = Duration.ofMillis(600);
  /** The ticket's place in the agents' note while it is being filed. */
  static final String TICKET_TO_FOLLOW = "to follow";

  private final Conversation conversation;
  private final TicketSync tickets;

  EscalationStep(Conversation conversation, TicketSync tickets) {
    this.conversation = conversation;
    this.tickets = tickets;
  }

  /** Escalates for {@code decision}; from here on the bot says nothing in this conversation. */
  void escalate(Verdict.Escalate decision, Turn turn) {
    ConversationState state = conversation.state;
    int priorContacts = priorContacts();
    boolean byLanguage = conversation.era.routesByDetectedLanguage();
    String detected = byLanguage ? state.detectedLanguage : null;
    Route route =
        conversation.router.route(decision.reason(), state.intent, conversation.customer, priorContacts, detected);
    state.escalation =
        new Escalation(
            decision.reason(), decision.detail(), route.queue(), route.priority(), route.language(), conversation.now());
    state.summary =
        conversation.handoff.summary(
            conversation.id, state.dossier, state.intent, state.confidence, conversation.customer,
            state.escalation, priorContacts,
            byLanguage ? conversation.router.customerLanguage(conversation.customer, detected) : route.language());
    state.stopNoProgressClock();
    state.waitingSince = conversation.now();
    Map<SearchAttributeKey<String>, String> routed = new LinkedHashMap<>();
    routed.put(BatonSearchAttributes.ESCALATION_REASON, decision.reason().name());
    routed.put(BatonSearchAttributes.QUEUE, route.queue());
    turn.operators().set(routed);
    Availability availability = null;
    Sentences sentences = conversation.sentences();
    if (conversation.era.keepsHours()) {
      // Runs since lean-turns read the hours and who is free in one local activity.
      QueueSituation situation =
          conversation.era.readsQueueSituationAtOnce()
              ? conversation.activities.agents.situation(route.queue(), route.priority(), conversation.id)
              : null;
      QueueSchedule schedule = situation != null ? situation.schedule() : conversation.activities.hours.schedule(route.queue());
      BusinessHours open = new BusinessHours(schedule.hours());
      if (!open.isOpen(conversation.now())) {
        scheduleCallback(
            sentences.queueClosed(), schedule, open.nextOpening(conversation.now()).orElse(null),
            schedule.copy().promise(), turn);
        return;
      }
      if (conversation.era.checksAgents()) {
        // No ghost handoff: a person is promised only when one is there to keep the promise.
        state.waitBy(schedule.waiting());
        availability =
            situation != null
                ? situation.availability()
                : conversation.activities.agents.availability(route.queue(), route.priority(), conversation.id);
        if (availability.agentsFree() == 0) {
          scheduleCallback(sentences.noAgentFree(), schedule, laterOpening(schedule), schedule.copy().noAgent(), turn);
          return;
        }
      }
    }
    turn.moveTo(ConversationStatus.AWAITING_AGENT, decision.reason() + ": " + decision.detail());
    turn.say(
        conversation.line(
            Author.SYSTEM, sentences.handedOver(), Map.of("queue", route.queue(), "detail", decision.detail())));
    String warm = conversation.handoff.transferMessage(state.escalation, state.intent);
    turn.say(conversation.line(Author.BOT, null, availability == null ? warm : fillWaiting(warm, availability)));
  }

  /**
   * No person can take the conversation now: files a callback ticket with the handoff summary
   * (or updates the one it has), tells the customer the truth with a concrete time, and waits for
   * {@code opensAt}.
   *
   * @param why why no person can take it, for the transcript and the status change
   * @param template what the customer is told when the ticket was filed
   */
  void scheduleCallback(String why, QueueSchedule schedule, Instant opensAt, String template, Turn turn) {
    ConversationState state = conversation.state;
    Escalation escalation = state.escalation;
    Instant promisedBy = opensAt == null ? null : opensAt.plus(schedule.callbackWithin());
    String when =
        Promises.when(
            promisedBy, conversation.now(),
            Promises.zoneFor(conversation.customer.timezone(), schedule.hours().zone()));
    Ticket ticket = null;
    String refused = null;
    boolean toFollow = false;
    if (state.callback != null && state.callback.ticketId() != null) {
      // A conversation called back before keeps its ticket: one ticket per conversation.
      ticket = new Ticket(state.callback.ticketId(), state.callback.ticketReference());
      tickets.update(
          new TicketUpdate(
              conversation.helpdeskKey("ticket-update"), ticket.id(), TicketStatus.PENDING, escalation.priority(),
              why + " Callback promised " + when + "."));
    } else {
      NewTicket request =
          new NewTicket(
              conversation.helpdeskKey("callback-ticket"), conversation.id, escalation.queue(),
              escalation.priority(), state.summary.primaryIssue(), conversation.customer, state.summary,
              state.summary.transcript(), promisedBy);
      try {
        if (conversation.era.promisesBeforeTheTicket()) {
          ticket = tickets.createWithin(request, CALLBACK_TICKET_WAIT, this::filedLate, this::notFiledLate);
          toFollow = ticket == null;
        } else {
          ticket = tickets.create(request);
        }
      } catch (ActivityFailure e) {
        boolean rejected =
            e.getCause() instanceof ApplicationFailure failure
                && HelpdeskActivities.REJECTED.equals(failure.getType());
        String cause = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
        refused =
            (rejected ? "the helpdesk refused the callback ticket: " : "the helpdesk could not be reached: ") + cause;
        log.error("Callback ticket for {} failed: {}", conversation.id, refused);
      }
    }
    state.callback =
        new Callback(ticket == null ? null : ticket.id(), ticket == null ? null : ticket.reference(), opensAt, promisedBy);
    turn.moveTo(ConversationStatus.CALLBACK_SCHEDULED, escalation.reason() + ": " + escalation.detail() + " " + why);
    Sentences sentences = conversation.sentences();
    Map<String, String> values =
        Map.of(
            "queue", escalation.queue(), "detail", escalation.detail(), "why", why,
            "ticket", ticket != null ? ticket.reference() : toFollow ? TICKET_TO_FOLLOW : "");
    turn.say(
        conversation.line(
            Author.SYSTEM, ticket != null || toFollow ? sentences.callbackFiled() : sentences.callbackNotFiled(), values));
    if (ticket == null && !toFollow) {
      turn.say(conversation.line(Author.SYSTEM, null, EscalationReason.WORKFLOW_EXCEPTION + ": " + refused));
    }
    String promise =
        ticket != null ? template : toFollow ? schedule.copy().ticketToFollow() : schedule.copy().promiseWithoutTicket();
    turn.say(conversation.line(Author.BOT, null, conversation.queueSentence(promise, ticket == null ? null : ticket.reference()).replace("{when}", when)));
  }

  /**
   * The callback ticket came after the customer was answered: the conversation keeps it, so the
   * queue's opening goes to it and what the customer writes from then on is added to it.
   */
  private void filedLate(Ticket ticket) {
    conversation.state.ticketFiledLate(ticket.id(), ticket.reference());
  }

  /**
   * The callback ticket the customer was told about could not be filed: staff read why in the
   * handoff summary, as they would have in the transcript had the turn waited for it.
   */
  private void notFiledLate(String why) {
    if (conversation.state.escalation != null && conversation.state.summary != null) {
      conversation.state.noteForStaff(EscalationReason.WORKFLOW_EXCEPTION + ": the callback ticket could not be filed: " + why);
    }
  }

  /**
   * When people can next call back, if none can now: the next opening after the current one
   * ends (an open queue with nobody free will not have someone before then), or, for a queue
   * open around the clock, one callback window from now.
   */
  Instant laterOpening(QueueSchedule schedule) {
    BusinessHours open = new BusinessHours(schedule.hours());
    Instant now = conversation.now();
    if (!open.isOpen(now)) {
      return open.nextOpening(now).orElse(null);
    }
    return open.nextClosing(now).flatMap(open::nextOpening).orElse(now.plus(schedule.callbackWithin()));
  }

  /** A waiting-list sentence with the place in line and the expected wait filled in. */
  static String fillWaiting(String template, Availability availability) {
    long minutes = Math.max(1, (availability.estimatedWait().toSeconds() + 59) / 60);
    return template
        .replace("{position}", String.valueOf(availability.position()))
        .replace("{wait}", "about " + minutes + " minute" + (minutes == 1 ? "" : "s"));
  }

  /** The customer's other conversations in the distress window; 0 when the look-up fails. */
  private int priorContacts() {
    Instant since = conversation.now().minus(conversation.policy.rules().distress().priorContactWindow());
    try {
      return conversation.activities.escalations.priorContacts(
          conversation.customer.id(), conversation.id, since, conversation.customer.verified());
    } catch (ActivityFailure e) {
      log.warn("Prior contacts of {} unknown: {}", conversation.customer.id(), e.getCause().getMessage());
      return 0;
    }
  }
}
