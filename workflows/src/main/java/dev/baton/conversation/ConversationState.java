package dev.baton.conversation;

import dev.baton.escalation.Dossier;
import dev.baton.escalation.Escalation;
import dev.baton.escalation.HandoffSummary;
import dev.baton.hours.Waiting;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Everything a conversation carries, in one object that is handed whole to the next run on
 * continue-as-new. Adding a piece of state is one field here, nothing else. Deliberately small:
 * the transcript is in PostgreSQL, so only counters, the bot's last reading, the escalation and
 * the answers to recent client message ids (for retries that straddle the hand-over) travel.
 *
 * <p>Public fields, as in Temporal's safe-message-passing sample: this is a data carrier that only
 * the conversation's own classes touch, and the data converter reads and writes it as it is.
 */
public final class ConversationState {
  /** Retried messages are answered from memory; this many recent answers are kept. */
  static final int REMEMBERED_TURNS = 32;

  public ConversationStatus status = ConversationStatus.BOT_ACTIVE;
  public long lastSeq;
  public int statusChanges;
  public int turns;
  public String intent;
  public double confidence;
  public double sentiment;
  public boolean greeted;
  /** Client message id → the answer given, oldest first. */
  public LinkedHashMap<String, TurnResult> recentTurns = new LinkedHashMap<>();
  /** Messages whose transcript write failed; sent again with the next write. */
  public List<Message> unrecorded = new ArrayList<>();
  /** Workflow time of the customer's last message (or the start): the idle clock runs from it. */
  public Instant lastCustomerActivity;

  // The bot phase.
  public int clarificationsAsked;
  public int turnsWithoutProgress;
  /** Workflow time (epoch millis) of the first message the bot has not answered yet. */
  public Long unresolvedSince;
  public int botFailuresInRow;
  public Dossier dossier = Dossier.EMPTY;
  /** The note of the agent who last handed the conversation back to the bot. */
  public String agentNote;
  /**
   * The language the bot last detected in a customer message ("de"); short messages, where it
   * cannot tell, leave it as it was. Routes the handoff when the customer gave no language.
   */
  public String detectedLanguage;

  // With people.
  public Escalation escalation;
  public HandoffSummary summary;
  /** When the wait for a person began (the escalation, or the queue's opening for a callback). */
  public Instant waitingSince;
  public Waiting waiting;
  public boolean slaMissed;
  public String assignedAgent;
  public String agentName;
  public Callback callback;

  // The helpdesk.
  /** Helpdesk calls made so far; numbers their idempotency keys. */
  public int helpdeskWrites;
  /** Ticket work not yet done, oldest first (see {@link TicketSync}). */
  public List<TicketSync.Operation> ticketWork = new ArrayList<>();

  /** A deep copy: what a handler restores when its transition fails half way. */
  ConversationState copy() {
    var converter = DefaultDataConverter.STANDARD_INSTANCE;
    return converter.fromPayload(converter.toPayload(this).orElseThrow(), ConversationState.class, ConversationState.class);
  }

  // The transitions below are the only writes of the fields they touch outside the class that
  // first sets them (StateWritersTest): a phase says what happened, the state keeps its fields
  // consistent with each other.

  /**
   * Routed to {@code queue} at {@code priority} (a transfer, a missed pickup target, a requeue):
   * the escalation and the handoff summary move together, and {@code note}, if any, joins the
   * summary's notes.
   */
  void reroute(String queue, int priority, String note) {
    Escalation was = escalation;
    escalation = new Escalation(was.reason(), was.detail(), queue, priority, was.language(), was.at());
    summary = summary.withNote(note, queue, priority);
  }

  /**
   * The callback's ticket came after the customer was answered (TicketSync#createWithin): the
   * callback keeps it. Nothing to keep when the turn that promised it was undone.
   */
  void ticketFiledLate(String ticketId, String ticketReference) {
    if (callback != null && callback.ticketId() == null) {
      callback = new Callback(ticketId, ticketReference, callback.opensAt(), callback.promisedBy());
    }
  }

  /**
   * A turn that ran while the callback's ticket came is undone; this state, the one before it,
   * keeps the ticket ({@code after}: the callback as that turn left it).
   */
  void keepLateTicket(Callback after) {
    if (after != null && after.ticketId() != null) {
      ticketFiledLate(after.ticketId(), after.ticketReference());
    }
  }

  /** A note for the staff who read the summary next; the conversation stays where it is. */
  void noteForStaff(String note) {
    summary = summary.withNote(note, escalation.queue(), escalation.priority());
  }

  /** In a waiting list from {@code now}: the pickup clock starts afresh. */
  void pickupClockFrom(Instant now) {
    waitingSince = now;
    slaMissed = false;
  }

  /** Waits under {@code rules} (the queue's pickup target, longest wait, overflow), not yet missed. */
  void waitBy(Waiting rules) {
    waiting = rules;
    slaMissed = false;
  }

  /** Out of the bot's hands: the no-progress clock stops. */
  void stopNoProgressClock() {
    unresolvedSince = null;
  }

  /** Remembers the answer to a client message id, forgetting the oldest beyond the limit. */
  void remember(String clientMessageId, TurnResult result) {
    recentTurns.put(clientMessageId, result);
    while (recentTurns.size() > REMEMBERED_TURNS) {
      recentTurns.remove(recentTurns.keySet().iterator().next());
    }
  }

  /** The live view the query, the transcript writes and the API show. */
  ConversationView view(String conversationId, Customer customer, String channel) {
    return new ConversationView(
        conversationId, customer, channel, status, intent, confidence, sentiment,
        escalation == null ? null : escalation.queue(), assignedAgent, lastSeq, turns, escalation,
        summary, callback);
  }
}
