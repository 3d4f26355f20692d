package dev.baton.conversation;

import dev.baton.conversation.TranscriptEntry.StatusChange;
import dev.baton.conversation.legacy.Eras;
import dev.baton.escalation.EscalationPolicy;
import dev.baton.escalation.Handoff;
import dev.baton.escalation.Router;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowLock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * The one way a conversation's state changes: a handler (an update, or a deadline the run loop
 * hands over) runs as a {@link Step} under the turn lock, says what it says through its {@link
 * Turn}, and this class does the rest once: the transcript write, the operators' view, and, when
 * an activity fails half way, putting the state back as it was.
 */
final class Turns {
  private static final Logger log = Workflow.getLogger(Turns.class);
  /**
   * Lines kept for a later write when the transcript write keeps failing (under 1 MB): past it,
   * the oldest are dropped, with an error in the worker's log (docs/operations.md).
   */
  static final int MAX_UNRECORDED = 64;
  /** The catch-up's first wait after a failed write, doubled after each failure up to the next. */
  static final Duration CATCH_UP_FIRST = Duration.ofSeconds(2);
  static final Duration CATCH_UP_LONGEST = Duration.ofSeconds(30);

  private final Conversation conversation;
  private final OperatorView operators;
  private final TicketSync tickets;
  private final WorkflowLock lock = Workflow.newWorkflowLock();

  Turns(Conversation conversation, OperatorView operators, TicketSync tickets) {
    this.conversation = conversation;
    this.operators = operators;
    this.tickets = tickets;
  }

  /** A handler's own logic. */
  @FunctionalInterface
  interface Step<T> {
    T run(Turn turn);
  }

  /** What one handler says and changes; written when it ends. */
  final class Turn {
    private final List<Message> said = new ArrayList<>();
    private StatusChange change;
    private boolean touched;
    private boolean quiet;

    Message say(Message message) {
      said.add(message);
      touched = true;
      return message;
    }

    void sayAll(List<Message> messages) {
      messages.forEach(this::say);
    }

    void moveTo(ConversationStatus target, String reason) {
      change = conversation.moveTo(target, reason, operators);
      touched = true;
    }

    /** Writes the transcript even when nothing was said (the state itself changed). */
    void touch() {
      touched = true;
    }

    /**
     * Leaves the operators' view as it is: the greeting and agent messages change nothing an
     * operator filters on, and runs from before {@link Era#handlesTurnsWhole} did not write it.
     */
    void quiet() {
      quiet = true;
    }

    List<Message> said() {
      return said;
    }

    OperatorView operators() {
      return operators;
    }
  }

  /**
   * Runs {@code step} under the turn lock. A failed activity leaves the conversation exactly as it
   * was ({@link Era#handlesTurnsWhole}), and the caller gets a {@link
   * ConversationFailures#UNAVAILABLE} failure to retry.
   */
  <T> T handle(Step<T> step) {
    start();
    conversation.updatesThisRun++;
    lock.lock();
    ConversationState before = conversation.era.handlesTurnsWhole() ? conversation.state.copy() : null;
    try {
      Turn turn = new Turn();
      T result = step.run(turn);
      if (turn.touched) {
        record(turn.said, turn.change);
        if (!turn.quiet) {
          operators.describe();
        }
      }
      if (before != null) {
        operators.flush();
        tickets.flush();
      }
      return result;
    } catch (TemporalFailure failure) {
      if (before == null) {
        throw failure;
      }
      // The ticket queue belongs to the sender thread too: what it did meanwhile stands, and so
      // does a callback ticket that came meanwhile (TicketSync#createWithin).
      before.ticketWork = conversation.state.ticketWork;
      before.keepLateTicket(conversation.state.callback);
      conversation.state = before;
      operators.discard();
      tickets.discard();
      throw failure instanceof ActivityFailure activity ? ConversationFailures.unavailable(activity) : failure;
    } finally {
      lock.unlock();
    }
  }

  /** Whether a handler runs right now (the legacy run loop does not interrupt one). */
  boolean busy() {
    return lock.isHeld();
  }

  /**
   * Decides this run's versions, and with them its {@link Era}, and reads the escalation rules
   * once, on whichever of the run method or a handler comes first; the other waits for them. Runs
   * from before the escalation engine go on without it, and without waiting, so they replay
   * exactly as they ran.
   */
  void start() {
    if (conversation.era == null) {
      conversation.era = Eras.decide(conversation.id);
      if (conversation.era.escalates()) {
        EscalationPolicy policy = new EscalationPolicy(conversation.activities.escalations.rules());
        conversation.router = new Router(policy.rules());
        conversation.handoff = new Handoff(policy);
        conversation.policy = policy;
      }
    }
    if (conversation.era.escalates()) {
      Workflow.await(() -> conversation.policy != null);
    }
  }

  /**
   * The catch-up ({@link Era#writesTranscriptQuickly}), run beside the handlers for the whole run:
   * while lines wait to be written, it writes them (with the state as it is now) after a wait
   * that grows from {@link #CATCH_UP_FIRST} to {@link #CATCH_UP_LONGEST}. Not under the turn
   * lock, so a customer's turn never waits behind it: a handler's write at the same time may send
   * the same lines again (the store ignores repeats), and each write forgets only the lines it
   * took ({@link #record}).
   */
  void catchUp() {
    Duration wait = CATCH_UP_FIRST;
    while (true) {
      Workflow.await(() -> !conversation.state.unrecorded.isEmpty());
      Workflow.newTimer(wait, TimerOptions.newBuilder().setSummary("transcript catch-up").build()).get();
      if (!conversation.state.unrecorded.isEmpty()) {
        record(List.of(), null);
      }
      boolean written = conversation.state.unrecorded.isEmpty();
      wait = written ? CATCH_UP_FIRST : min(wait.multipliedBy(2), CATCH_UP_LONGEST);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Writes lines (and those an earlier write could not) with the state they leave behind. */
  void record(List<Message> messages, StatusChange change) {
    ConversationState state = conversation.state;
    List<Message> pending = new ArrayList<>(state.unrecorded);
    pending.addAll(messages);
    boolean quick = conversation.era.writesTranscriptQuickly();
    TranscriptActivities transcript = quick ? conversation.activities.transcriptOnTurn : conversation.activities.transcript;
    try {
      transcript.record(new TranscriptEntry(conversation.view(), pending, change));
      forget(state, pending);
    } catch (ActivityFailure e) {
      if (e.getCause() instanceof ApplicationFailure refused && TranscriptActivities.REFUSED.equals(refused.getType())) {
        // Carrying the lines on would fail every later write too: they are set aside, with a note.
        log.error(
            "Transcript of {}: {} lines set aside, PostgreSQL refused them: {}",
            conversation.id, pending.size(), refused.getOriginalMessage());
        forget(state, pending);
        return;
      }
      // The conversation goes on; the lines are written with the next successful write.
      log.error("Transcript write failed for {}: {}", conversation.id, e.getCause().getMessage());
      // Another write (the run's first, outside the lock) may have failed meanwhile: its lines stay too.
      List<Message> kept =
          conversation.era.unwrittenAfterFailure(
              () -> {
                List<Message> all = new ArrayList<>(state.unrecorded);
                pending.stream().filter(m -> !all.contains(m)).forEach(all::add);
                all.sort(java.util.Comparator.comparingLong(Message::seq));
                return all;
              },
              pending);
      state.unrecorded.clear();
      state.unrecorded.addAll(kept);
      if (conversation.era.capsUnwrittenLines() && state.unrecorded.size() > MAX_UNRECORDED) {
        // The carried state must stay within Temporal's payload limits: the oldest lines go.
        int dropped = state.unrecorded.size() - MAX_UNRECORDED;
        state.unrecorded.subList(0, dropped).clear();
        log.error("Transcript of {}: {} unwritten lines dropped; the writes have failed for too long", conversation.id, dropped);
      }
    }
  }

  /**
   * Forgets the lines a write took (written, or set aside), and only those: a line another write
   * left meanwhile still waits.
   */
  private void forget(ConversationState state, List<Message> taken) {
    List<Message> left =
        conversation.era.unwrittenAfterWrite(
            () -> state.unrecorded.stream().filter(m -> !taken.contains(m)).toList());
    state.unrecorded.clear();
    state.unrecorded.addAll(left);
  }
}
