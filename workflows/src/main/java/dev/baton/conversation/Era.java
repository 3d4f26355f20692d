package dev.baton.conversation;

import dev.baton.bot.BotTurn;
import io.temporal.common.SearchAttributeKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What a run does at the points where runs started before a workflow change do otherwise. The
 * live classes ask their run's era and never which changes the run has: {@link #TODAY} is what
 * runs of today's code do; the {@code legacy} package beside this one gives a run started
 * before a change what it did then, chosen once, when the run's version decisions are
 * recorded ({@link Turns#start}). A method handed {@code today} runs it unless the run predates
 * that behaviour, and then does the old thing instead.
 *
 * <p>Each method names the change it stands for; docs/operations.md ("Version gates") says when
 * its old branch may go. Only public types cross this seam, so the legacy package needs no more
 * of the conversation than the few views below.
 */
public interface Era {
  /** Runs of today's code: every change in, so every question below answers with today's way. */
  Era TODAY = new Today();

  /** Bot turns go through the escalation policy, whose rules the run reads once ("escalation"). */
  boolean escalates();

  /** A bot turn: {@code today} judges it by the escalation rules ("escalation"). */
  void answer(Runnable today, BotTurn reply, ConversationState state, BotLines lines);

  /** Business hours and callback tickets: an escalation checks the queue's hours ("after-hours"). */
  boolean keepsHours();

  /** A person is promised only when one is free, with pickup and longest-wait timers ("agents"). */
  boolean checksAgents();

  /**
   * A handler's transition is applied whole or undone, its search attributes and ticket work
   * written once when it ends, ticket work sent by a thread of its own ("phases").
   */
  boolean handlesTurnsWhole();

  /** An agent's conversation can go back to the waiting list ({@code requeue}, "phases"). */
  boolean requeues();

  /** Search attributes a handler sets: {@code today} keeps them for its one write ("phases"). */
  void setSearchAttributes(Runnable today, Map<SearchAttributeKey<String>, String> values);

  /** A helpdesk comment or update: {@code today} queues it for the ticket thread ("phases"). */
  void ticketWork(Runnable today, Runnable callNow);

  /**
   * The run loop's wait for the current phase's deadline; whether something other than the
   * deadline's timer woke it. {@code today} waits for the deadline as an instant ("phases").
   */
  boolean awaitDeadline(BooleanSupplier today, Loop loop);

  /** The deadline the loop waited for came: {@code today} checks it is still due ("phases"). */
  void fireDeadline(Runnable today, Loop loop);

  /** Every handled call counts towards the run's hand-over, and calls wait for it ("limits"). */
  boolean handsOverOnUpdates();

  /** Transcript lines whose write keeps failing are kept up to a cap ("limits"). */
  boolean capsUnwrittenLines();

  /** Ticket comments merged during an outage: {@code today} caps their length ("limits"). */
  String mergedComment(Supplier<String> today, String body, String next);

  /** The language the bot detects routes the handoff and names the customer's ("language"). */
  boolean routesByDetectedLanguage();

  /** Holder, priority, escalation and callback times as search attributes, "Now" in the details ("operator-attributes"). */
  boolean showsOperatorAttributes();

  /** The intent search attribute is written with status changes only ("lean-turns"). */
  boolean writesIntentWithStatusOnly();

  /** An escalation reads the queue's hours and who is free in one local activity ("lean-turns"). */
  boolean readsQueueSituationAtOnce();

  /**
   * A handler's transcript write gives up quickly, the catch-up writes what it could not, and a
   * finished conversation waits for it ("quick-transcript").
   */
  boolean writesTranscriptQuickly();

  /**
   * A callback ticket is waited for briefly (600 ms); the customer is answered without its
   * number past that, and the conversation keeps it when it comes ("quick-transcript").
   */
  boolean promisesBeforeTheTicket();

  /** The lines still unwritten after a write took its lines: {@code today} keeps others' ("quick-transcript"). */
  List<Message> unwrittenAfterWrite(Supplier<List<Message>> today);

  /**
   * The lines still unwritten after a write of {@code pending} failed: {@code today} keeps those
   * another write left meanwhile too ("quick-transcript").
   */
  List<Message> unwrittenAfterFailure(Supplier<List<Message>> today, List<Message> pending);

  /** What a bot turn of a run without the escalation engine says and does. */
  interface BotLines {
    void bot(String text);

    void system(String text);

    /** The customer said the problem is solved. */
    void solved();
  }

  /** The run loop, as the wait of runs from before deadlines were instants reads it. */
  interface Loop {
    ConversationState state();

    /** Bumped on every customer message in this run. */
    long customerActivity();

    boolean shouldHandOver();

    Duration idleTimeout();

    /** The current phase's deadline, now the one the loop waits for; {@code null} when none. */
    Due next();

    /** The loop waits for no deadline after all. */
    void waitForNone();

    /** Whether a handler runs right now. */
    boolean handlerRunning();

    /** The status the deadline waited for belongs to. */
    ConversationStatus dueOwner();

    /** Hands the deadline waited for to its phase, as a handler. */
    void handleDue();
  }

  /** A phase's deadline as old waits read it: which one ("idle") and when. */
  record Due(String kind, Instant at) {}
}
