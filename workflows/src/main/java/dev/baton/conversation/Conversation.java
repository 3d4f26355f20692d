package dev.baton.conversation;

import dev.baton.conversation.TranscriptEntry.StatusChange;
import dev.baton.escalation.EscalationPolicy;
import dev.baton.escalation.EscalationRules.Sentences;
import dev.baton.escalation.Handoff;
import dev.baton.escalation.Router;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every room of one conversation shares: who it is with, its state, the rules it runs under
 * and the activities it calls. The rooms (phases, the escalation step, the ticket sync) read and
 * change the state through it; none of them keeps state of its own.
 */
final class Conversation {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
  final String id;
  final Customer customer;
  final String channel;
  final ConversationSettings settings;
  final Activities activities = new Activities();

  /** Replaced whole when a handler's transition fails half way (see {@link Turns}). */
  ConversationState state;

  /**
   * What this run does where runs started before a change differ; {@code null} until the first
   * handler or the run has the versions decided ({@link Turns#start}).
   */
  Era era;
  /** {@code null} in runs from before the escalation engine. */
  EscalationPolicy policy;
  Router router;
  Handoff handoff;

  /** Bumped on every customer message in this run; the run loop of old runs wakes when it changes. */
  long customerActivity;
  int turnsThisRun;
  /** Handlers run in this run (every update, and deadlines); see {@link ConversationSettings#updatesPerRun}. */
  int updatesThisRun;

  Conversation(ConversationStart start) {
    id = start.conversationId();
    customer = start.customer();
    channel = start.channel();
    settings = start.settings() == null ? ConversationSettings.DEFAULTS : start.settings();
    state = start.initialState();
  }

  Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  /** A new transcript line, numbered after the last one. */
  Message line(Author author, String agentId, String text) {
    return new Message(++state.lastSeq, author, agentId, text, now());
  }

  /** A line from the bot or the system, from a sentence with its placeholders filled. */
  Message line(Author author, String template, Map<String, String> values) {
    return line(author, null, fill(template, values));
  }

  /**
   * Moves the conversation to {@code target}; a move {@link ConversationStatus} does not allow is
   * a bug and fails the workflow task, so Temporal retries it after a fix.
   */
  StatusChange moveTo(ConversationStatus target, String reason, OperatorView operators) {
    ConversationStatus from = state.status;
    if (!from.canMoveTo(target)) {
      throw new IllegalStateException("Cannot move a conversation from " + from + " to " + target);
    }
    StatusChange change = new StatusChange(++state.statusChanges, from, target, reason, now());
    state.status = target;
    operators.set(BatonSearchAttributes.STATUS, target.name());
    return change;
  }

  /** The sentences of the rules this run read. */
  Sentences sentences() {
    return policy == null ? Sentences.BUILT_IN : policy.rules().copy().sentencesOrBuiltIn();
  }

  /** How the customer is told who takes over a queue ("our billing team"). */
  String team(String queue) {
    return policy.rules().team(queue);
  }

  /** An out-of-hours or waiting sentence with the escalated queue's team and the ticket filled in. */
  String queueSentence(String template, String ticketReference) {
    return template
        .replace("{team}", team(state.escalation.queue()))
        .replace("{ticket}", ticketReference == null ? "" : ticketReference);
  }

  ConversationView view() {
    return state.view(id, customer, channel);
  }

  /** An idempotency key from business identity: the conversation, the purpose, a sequence. */
  String helpdeskKey(String purpose) {
    return id + ":" + purpose + ":" + (++state.helpdeskWrites);
  }

  boolean shouldContinueAsNew() {
    return turnsThisRun >= settings.turnsPerRun()
        || (handsOverOnUpdates() && updatesThisRun >= settings.updatesPerRun())
        || Workflow.getInfo().isContinueAsNewSuggested();
  }

  /** Whether every handled call counts towards the hand-over; not before the era is known. */
  boolean handsOverOnUpdates() {
    return era != null && era.handsOverOnUpdates();
  }

  /**
   * Fills a sentence's placeholders in one pass, so a value (a customer's note, say) that happens
   * to contain braces is never read as a placeholder itself. Unknown placeholders stay as written.
   */
  static String fill(String template, Map<String, String> values) {
    return PLACEHOLDER
        .matcher(template)
        .replaceAll(
            m -> {
              String key = m.group(1);
              String value = values.containsKey(key) ? values.get(key) : m.group();
              return Matcher.quoteReplacement(value == null ? "" : value);
            });
  }
}
