package dev.baton.conversation.legacy;

import io.temporal.workflow.Workflow;

/**
 * The {@link Workflow#getVersion} decisions of one run, made once and then only read ({@link
 * Eras#decide} turns them into the run's {@link dev.baton.conversation.Era}). Each change builds
 * on the one before, so a run has a prefix of them: a run without the escalation engine knows
 * nothing of hours, agents or phases. docs/operations.md says when each old branch may go.
 *
 * @param escalation every bot turn goes through the escalation policy ({@link #ESCALATION})
 * @param afterHours business hours and callback tickets ({@link #AFTER_HOURS})
 * @param agents availability before a promise, waiting timers, takeover and after ({@link #AGENTS})
 * @param phases ticket work off the turn, transitions applied whole, one search-attribute write per
 *     handler, and deadlines kept as instants ({@link #PHASES})
 * @param limits every update counts towards the run's hand-over, so a flood of calls cannot reach
 *     Temporal's cap on updates per run; lines whose write keeps failing and ticket comments merged
 *     during a helpdesk outage are capped ({@link #LIMITS})
 * @param language the language the bot detects in the customer's messages routes the handoff
 *     when the customer gave none, and the handoff summary names the customer's language
 *     whichever queue serves it ({@link #LANGUAGE})
 * @param operatorAttributes the holder, priority, escalation time and callback due time are
 *     search attributes too ({@link #OPERATOR_ATTRIBUTES})
 * @param leanTurns the intent search attribute is written with status changes only, so a plain
 *     bot turn writes no search attribute: each write costs the server a visibility update, and
 *     the live intent is in the current details anyway ({@link #LEAN_TURNS}; docs/performance.md)
 * @param quickTranscript a handler's transcript write is given 1.2 s at most, so a customer's
 *     turn never waits long on PostgreSQL; lines it could not write are written by the
 *     conversation's catch-up as soon as the store answers, and a finished conversation waits for
 *     them ({@link #QUICK_TRANSCRIPT}; docs/operations.md, "When the database stops")
 */
record Versions(
    boolean escalation,
    boolean afterHours,
    boolean agents,
    boolean phases,
    boolean limits,
    boolean language,
    boolean operatorAttributes,
    boolean leanTurns,
    boolean quickTranscript) {
  static final String ESCALATION = "escalation";
  static final String AFTER_HOURS = "after-hours";
  static final String AGENTS = "agents";
  static final String PHASES = "phases";
  static final String LIMITS = "limits";
  static final String LANGUAGE = "language";
  static final String OPERATOR_ATTRIBUTES = "operator-attributes";
  static final String LEAN_TURNS = "lean-turns";
  static final String QUICK_TRANSCRIPT = "quick-transcript";

  /** Records (or, on replay, reads) the decisions in the order runs have always made them. */
  static Versions decide() {
    boolean escalation = current(ESCALATION);
    boolean afterHours = current(AFTER_HOURS);
    boolean agents = afterHours && current(AGENTS);
    boolean phases = agents && escalation && current(PHASES);
    boolean limits = phases && current(LIMITS);
    boolean language = limits && current(LANGUAGE);
    boolean operatorAttributes = limits && current(OPERATOR_ATTRIBUTES);
    boolean leanTurns = language && operatorAttributes && current(LEAN_TURNS);
    boolean quickTranscript = leanTurns && current(QUICK_TRANSCRIPT);
    return new Versions(
        escalation, afterHours, agents, phases, limits, language, operatorAttributes, leanTurns, quickTranscript);
  }

  /** Whether the run has every change: then it is a run of today's code. */
  boolean all() {
    return quickTranscript;
  }

  private static boolean current(String changeId) {
    return Workflow.getVersion(changeId, Workflow.DEFAULT_VERSION, 1) == 1;
  }
}
